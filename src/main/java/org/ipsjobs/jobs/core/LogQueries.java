package org.ipsjobs.jobs.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.DetailSortField;
import org.ipsjobs.jobs.api.JobLogQuery;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.LogDetailQuery;
import org.ipsjobs.jobs.api.LogPage;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.LogSearch;

/** The job log operations: which logs a caller may read, as searches the store answers, and paging. */
final class LogQueries {

    private static final int MAX_DETAIL_PAGE = 1000;

    private final JobStore store;
    private final CompanyAccess access;
    private final int maxLogRows;

    LogQueries(JobStore store, CompanyAccess access, int maxLogRows) {
        this.store = store;
        this.access = access;
        this.maxLogRows = maxLogRows;
    }

    List<LogRecord> jobLogs(Caller caller, JobLogQuery query) {
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
        if (query.sortBy() != JobLogSortField.COMPANY_NAME) {
            return store.searchLogs(new LogSearch(companies, null, null, userEmail, query.startDate(), query.endDate(),
                    query.sortBy(), query.direction(), limit));
        }
        // the store does not know company names: companies in name order, each one's logs in writing order
        Comparator<String> byName = Comparator.comparing(access::companyName, String.CASE_INSENSITIVE_ORDER);
        List<String> ordered = companies.stream()
                .sorted(query.direction() == SortDirection.DESCENDING ? byName.reversed() : byName).toList();
        List<LogRecord> result = new ArrayList<>();
        for (String company : ordered) {
            if (result.size() >= limit) {
                break;
            }
            result.addAll(store.searchLogs(new LogSearch(List.of(company), null, null, userEmail, query.startDate(),
                    query.endDate(), JobLogSortField.COMPANY_NAME, query.direction(), limit - result.size())));
        }
        return result;
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
        // a job's own logs oldest first; a company's newest first
        List<LogRecord> logs = query.jobHandle() != null
                ? store.searchLogs(new LogSearch(List.of(company), query.jobHandle(), query.originalName(), null, null,
                        null, JobLogSortField.START_DATE, SortDirection.ASCENDING, Integer.MAX_VALUE))
                : store.searchLogs(new LogSearch(List.of(company), null, query.originalName(), null, null, null,
                        JobLogSortField.START_DATE, SortDirection.DESCENDING, maxLogRows));
        // a page far past the end is simply empty; computed in long, so no page number can overflow
        long from = (long) (page - 1) * perPage;
        int size = perPage;
        return logs.stream().map(log -> {
            List<LogDetail> rows = sortedLines(log.details(), query);
            List<LogDetail> pageRows = from >= rows.size() ? List.of()
                    : rows.subList((int) from, (int) Math.min(rows.size(), from + size));
            return new LogPage(log, rows.size(), pageRows);
        }).toList();
    }

    /** The log's lines that pass the type filter, in the requested order; equal keys keep writing order. */
    private static List<LogDetail> sortedLines(List<LogDetail> stored, LogDetailQuery query) {
        // a log builds a line each time one is read: read each once, not at every comparison
        List<LogDetail> details = List.copyOf(stored);
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
