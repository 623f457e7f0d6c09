package org.ipsjobs.soap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

import org.ipsjobs.ipsapi.ActiveJob;
import org.ipsjobs.ipsapi.AssetJobLog;
import org.ipsjobs.ipsapi.Company;
import org.ipsjobs.ipsapi.CompanyMembership;
import org.ipsjobs.ipsapi.GetJobLogDetailsParam;
import org.ipsjobs.ipsapi.GetJobLogsParam;
import org.ipsjobs.ipsapi.JobLog;
import org.ipsjobs.ipsapi.JobLogDetail;
import org.ipsjobs.ipsapi.JobLogDetailArray;
import org.ipsjobs.ipsapi.ScheduledJob;
import org.ipsjobs.ipsapi.SubmitJobParam;
import org.ipsjobs.ipsapi.TaskItemProgress;
import org.ipsjobs.ipsapi.TaskItemProgressArray;
import org.ipsjobs.ipsapi.TaskProgress;
import org.ipsjobs.ipsapi.TaskProgressArray;
import org.ipsjobs.jobs.AssetLogEntry;
import org.ipsjobs.jobs.CompanyLookup;
import org.ipsjobs.jobs.DetailSortField;
import org.ipsjobs.jobs.ExecTiming;
import org.ipsjobs.jobs.JobDefinition;
import org.ipsjobs.jobs.JobLogQuery;
import org.ipsjobs.jobs.JobLogRecord;
import org.ipsjobs.jobs.JobLogSortField;
import org.ipsjobs.jobs.JobRequest;
import org.ipsjobs.jobs.LogDetail;
import org.ipsjobs.jobs.LogDetailQuery;
import org.ipsjobs.jobs.LogPage;
import org.ipsjobs.jobs.MessageCatalog;
import org.ipsjobs.jobs.RunSnapshot;
import org.ipsjobs.jobs.ScheduledJobView;
import org.ipsjobs.jobs.SortDirection;
import org.ipsjobs.jobs.TaskItemStatus;
import org.ipsjobs.jobs.TaskStatus;

/**
 * Translates between the generated API types and the domain's. Pure functions of their inputs,
 * apart from the server's time zone (for dates written out) and name (ActiveJob/serverName).
 */
final class JobMapper {

    private final ZoneId zone;
    private final String serverName;
    private final MessageCatalog messages;

    JobMapper(ZoneId zone, String serverName, MessageCatalog messages) {
        this.zone = zone;
        this.serverName = serverName;
        this.messages = messages;
    }

    // ---------------------------------------------------------------- requests

    JobRequest toRequest(SubmitJobParam p) {
        return new JobRequest(p.getCompanyHandle(), p.getUserHandle(), p.getJobName(), p.getLocale(),
                p.getExecTime() == null ? null : p.getExecTime().toInstant(), p.getExecSchedule(), p.getDescription(),
                DetailElements.read(p));
    }

    JobLogQuery toQuery(GetJobLogsParam p) {
        return new JobLogQuery(p.getCompanyHandle(), p.getUserHandle(), instant(p.getStartDate()),
                instant(p.getEndDate()), JobLogSortField.parse(p.getSortBy(), JobLogSortField.START_DATE),
                SortDirection.parse("sortDirection", p.getSortDirection(), SortDirection.DESCENDING), p.getNumRows());
    }

    LogDetailQuery toQuery(GetJobLogDetailsParam p) {
        Set<String> types = p.getLogTypeArray() == null ? Set.of() : Set.copyOf(p.getLogTypeArray().getItems().stream()
                .filter(t -> t != null && !t.isBlank()).map(String::trim).toList());
        return new LogDetailQuery(p.getCompanyHandle(), p.getJobHandle(), p.getOriginalName(), types,
                p.getRecordsPerPage(), p.getResultsPage(), DetailSortField.parse(p.getSortBy(), DetailSortField.DATE),
                SortDirection.parse("sortDirection", p.getSortDirection(), SortDirection.ASCENDING));
    }

    // ---------------------------------------------------------------- responses

    ActiveJob toActiveJob(RunSnapshot run) {
        JobDefinition job = run.job();
        ActiveJob out = new ActiveJob();
        out.setCompanyHandle(job.companyHandle());
        out.setJobHandle(job.handle().value());
        out.setName(job.name());
        out.setOriginalName(job.originalName());
        out.setType(job.type().wireName());
        out.setState(run.state().wireName());
        out.setSubmitUserEmail(job.submitUserEmail());
        out.setLocale(job.locale());
        out.setDescription(job.description());
        out.setServerName(serverName);
        out.setStartDate(time(run.startDate()));
        out.setTriggerTime(time(run.triggerTime()));
        out.setTotalSize(run.totalSize());
        out.setProgress(run.progress());
        out.setProgressMessage(run.progressMessage() == null ? "" : run.progressMessage());
        out.setLastProgressUpdate(time(run.lastProgressUpdate()));
        TaskProgressArray tasks = new TaskProgressArray();
        for (TaskStatus task : run.tasks()) {
            tasks.getItems().add(toTaskProgress(task));
        }
        out.setTaskProgressArray(tasks);
        DetailElements.write(job.detail(), out);
        return out;
    }

    private TaskProgress toTaskProgress(TaskStatus task) {
        TaskProgress out = new TaskProgress();
        out.setTaskType(task.taskType());
        out.setTaskState(task.taskState());
        out.setNumProcessed(task.numProcessed());
        out.setNumProcessing(task.numProcessing());
        out.setNumPending(task.numPending());
        out.setProgress(task.progress());
        out.setProgressMessage(task.progressMessage());
        out.setLastProgressUpdate(time(task.lastProgressUpdate()));
        TaskItemProgressArray items = new TaskItemProgressArray();
        for (TaskItemStatus item : task.items()) {
            TaskItemProgress p = new TaskItemProgress();
            p.setItemName(item.itemName());
            p.setProgress(item.progress());
            p.setProgressMessage(item.progressMessage());
            p.setLastProgressUpdate(time(item.lastProgressUpdate()));
            items.getItems().add(p);
        }
        out.setTaskItemProgressArray(items);
        return out;
    }

    ScheduledJob toScheduledJob(ScheduledJobView view) {
        JobDefinition job = view.job();
        ScheduledJob out = new ScheduledJob();
        out.setCompanyHandle(job.companyHandle());
        out.setJobHandle(job.handle().value());
        out.setName(job.name());
        out.setOriginalName(job.originalName());
        out.setType(job.type().wireName());
        out.setSubmitUserEmail(job.submitUserEmail());
        out.setLocale(job.locale());
        out.setDescription(job.description());
        if (job.timing() instanceof ExecTiming.Recurring recurring) {
            out.setExecSchedule(recurring.schedule().text());
        }
        out.setNextFireTime(time(view.trigger().nextFireTime()));
        out.setTimeZone(view.trigger().zone().getId());
        out.setTriggerState(view.trigger().state().wireName());
        DetailElements.write(job.detail(), out);
        return out;
    }

    JobLog toJobLog(JobLogRecord log) {
        JobDefinition job = log.job();
        JobLog out = new JobLog();
        out.setCompanyHandle(log.companyHandle());
        out.setJobHandle(log.jobHandle());
        out.setJobName(job.name());
        out.setOriginalJobName(job.originalName());
        out.setSubmitUserEmail(job.submitUserEmail());
        out.setLogType(log.logType());
        out.setJobSubType(job.detail().subType());
        out.setStartDate(time(log.startDate()));
        out.setEndDate(time(log.endDate()));
        out.setDescription(job.description() == null ? "" : job.description());
        out.setFileSuccessCount(log.successCount());
        out.setFileErrorCount(log.errorCount());
        out.setFileWarningCount(log.warningCount());
        out.setFileDuplicateCount(0);
        out.setFileUpdateCount(0);
        out.setTotalFileCount(log.totalCount());
        out.setTransferSuccessCount(0);
        out.setTransferErrorCount(0);
        out.setTransferWarningCount(0);
        out.setFatalError(log.fatalError());
        return out;
    }

    JobLog toJobLog(LogPage page, String callerLocale) {
        JobLog out = toJobLog(page.log());
        String locale = callerLocale != null ? callerLocale : page.log().job().locale();
        out.setDetailTotalRows(page.totalRows());
        JobLogDetailArray details = new JobLogDetailArray();
        for (LogDetail detail : page.rows()) {
            JobLogDetail d = new JobLogDetail();
            d.setLogMessage(messages.render(detail.message(), locale));
            d.setLogType(detail.logType());
            d.setDateCreated(time(detail.dateCreated()));
            d.setAssetName(detail.assetName());
            d.setAssetType(detail.assetType());
            d.setAssetHandle(detail.assetHandle());
            details.getItems().add(d);
        }
        out.setDetailArray(details);
        return out;
    }

    AssetJobLog toAssetJobLog(AssetLogEntry entry, String callerLocale) {
        JobDefinition job = entry.log().job();
        String locale = callerLocale != null ? callerLocale : job.locale();
        AssetJobLog out = new AssetJobLog();
        out.setJobHandle(entry.log().jobHandle());
        out.setJobName(job.name());
        out.setLogMessage(messages.render(entry.detail().message(), locale));
        out.setLogType(entry.detail().logType());
        out.setSubmitUserEmail(job.submitUserEmail());
        out.setLogDate(time(entry.detail().dateCreated()));
        return out;
    }

    Company toCompany(org.ipsjobs.auth.Company company) {
        Company out = new Company();
        out.setCompanyHandle(company.handle());
        out.setName(company.name());
        out.setRootPath(company.rootPath());
        out.setExpires(time(company.expires()));
        return out;
    }

    CompanyMembership toMembership(CompanyLookup.Membership membership) {
        CompanyMembership out = new CompanyMembership();
        out.setCompany(toCompany(membership.company()));
        out.setRole(membership.role());
        out.setIsActive(membership.active());
        return out;
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
