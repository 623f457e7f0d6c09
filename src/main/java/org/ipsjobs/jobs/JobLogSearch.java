package org.ipsjobs.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.ipsjobs.auth.Caller;

/** Answers the job log queries: filtering, sorting and paging over what the store holds. */
final class JobLogSearch {

    private static final int MAX_DETAIL_PAGE = 1000;

    private final JobStore store;
    private final CompanyAccess access;
    private final int maxLogRows;

    JobLogSearch(JobStore store, CompanyAccess access, int maxLogRows) {
        this.store = store;
        this.access = access;
        this.maxLogRows = maxLogRows;
    }

    List<JobLogRecord> jobLogs(Caller caller, JobLogQuery query) {
        Collection<String> companies = access.visibleCompanies(caller, query.companyHandle());
        String userEmail = null;
        if (query.userHandle() != null && !query.userHandle().isBlank()) {
            userEmail = access.requestUser(caller, query.userHandle(), companies).email();
        }
        int limit = query.numRows() == null ? maxLogRows : query.numRows();
        if (limit < 1) {
            throw InvalidRequestException.invalid("numRows must be at least 1; got " + limit);
        }
        limit = Math.min(limit, maxLogRows);
        Comparator<JobLogRecord> order = logOrder(query.sortBy(), query.direction());
        String email = userEmail;
        // keep only the best `limit` logs while scanning, so memory stays bounded whatever the store holds
        PriorityQueue<JobLogRecord> best = new PriorityQueue<>(order.reversed());
        int keep = limit;
        // the store lists a company's logs in the default order (StartDate, Descending): then each company's
        // first matches are its best ones, and the scan stops there instead of reading the whole history
        boolean storeOrder = query.sortBy() == JobLogSortField.START_DATE && query.direction() == SortDirection.DESCENDING;
        companies.stream().flatMap(company -> {
            Stream<JobLogRecord> logs = store.logsOfCompany(company);
            if (storeOrder && query.startDate() != null) {
                logs = logs.takeWhile(log -> !log.startDate().isBefore(query.startDate()));
            }
            logs = logs.filter(log -> email == null || email.equalsIgnoreCase(log.job().submitUserEmail()))
                    .filter(log -> query.startDate() == null || !log.startDate().isBefore(query.startDate()))
                    .filter(log -> query.endDate() == null || !log.endDate().isAfter(query.endDate()));
            return storeOrder ? logs.limit(keep) : logs;
        }).forEach(log -> {
            best.add(log);
            if (best.size() > keep) {
                best.poll();
            }
        });
        List<JobLogRecord> result = new ArrayList<>(best);
        result.sort(order);
        return result;
    }

    private Comparator<JobLogRecord> logOrder(JobLogSortField field, SortDirection direction) {
        Comparator<JobLogRecord> by = switch (field) {
            case JOB_NAME -> Comparator.comparing((JobLogRecord l) -> l.job().name(), String.CASE_INSENSITIVE_ORDER);
            case LOG_TYPE -> Comparator.comparing(JobLogRecord::logType);
            case START_DATE -> Comparator.comparing(JobLogRecord::startDate);
            case COMPANY_NAME -> Comparator.comparing((JobLogRecord l) -> access.companyName(l.companyHandle()),
                    String.CASE_INSENSITIVE_ORDER);
            case USER_ID, EMAIL -> Comparator.comparing((JobLogRecord l) -> l.job().submitUserEmail(),
                    String.CASE_INSENSITIVE_ORDER);
            case FILE_ERROR_COUNT -> Comparator.comparingInt(JobLogRecord::errorCount);
            case FILE_WARNING_COUNT -> Comparator.comparingInt(JobLogRecord::warningCount);
            case FILE_SUCCESS_COUNT -> Comparator.comparingInt(JobLogRecord::successCount);
        };
        // the log id breaks ties, so equal keys come out in a stable, writing order
        by = by.thenComparingLong(JobLogRecord::id);
        return direction == SortDirection.DESCENDING ? by.reversed() : by;
    }

    List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query) {
        String company = access.requireCompany(caller, query.companyHandle());
        int perPage = query.recordsPerPage() == null ? MAX_DETAIL_PAGE : query.recordsPerPage();
        int page = query.resultsPage() == null ? 1 : query.resultsPage();
        if (perPage < 1) {
            throw InvalidRequestException.invalid("recordsPerPage must be between 1 and " + MAX_DETAIL_PAGE
                    + "; got " + perPage);
        }
        if (page < 1) {
            throw InvalidRequestException.invalid("resultsPage must be 1 or more; got " + page);
        }
        perPage = Math.min(perPage, MAX_DETAIL_PAGE);
        Stream<JobLogRecord> logs;
        if (query.jobHandle() != null) {
            logs = store.logsOfJob(query.jobHandle()).stream().filter(l -> l.companyHandle().equals(company));
        } else {
            logs = store.logsOfCompany(company).limit(maxLogRows);
        }
        if (query.originalName() != null) {
            logs = logs.filter(l -> l.job().originalName().equals(query.originalName()));
        }
        // a page far past the end is simply empty; computed in long, so no page number can overflow
        long from = (long) (page - 1) * perPage;
        int size = perPage;
        return logs.map(log -> {
            List<LogDetail> rows = sortedLines(log.details(), query);
            List<LogDetail> pageRows = from >= rows.size() ? List.of()
                    : rows.subList((int) from, (int) Math.min(rows.size(), from + size));
            return new LogPage(log, rows.size(), pageRows);
        }).toList();
    }

    /** The log's lines that pass the type filter, in the requested order; equal keys keep writing order. */
    private static List<LogDetail> sortedLines(List<LogDetail> details, LogDetailQuery query) {
        Comparator<Integer> order = query.sortBy() == DetailSortField.LOG_TYPE
                ? Comparator.comparing((Integer i) -> details.get(i).logType())
                        .thenComparing(i -> details.get(i).dateCreated())
                : Comparator.comparing((Integer i) -> details.get(i).dateCreated());
        order = order.thenComparing(Comparator.naturalOrder()); // the line's position breaks ties
        if (query.direction() == SortDirection.DESCENDING) {
            order = order.reversed();
        }
        return IntStream.range(0, details.size()).boxed()
                .filter(i -> query.logTypes().isEmpty() || query.logTypes().contains(details.get(i).logType()))
                .sorted(order).map(details::get).toList();
    }

    List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle) {
        String company = access.requireCompany(caller, companyHandle);
        if (assetHandle == null || assetHandle.isBlank()) {
            throw InvalidRequestException.missing("assetHandle is required");
        }
        return store.assetLogs(company, assetHandle);
    }
}
