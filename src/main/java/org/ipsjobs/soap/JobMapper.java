package org.ipsjobs.soap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

import org.ipsjobs.ipsapi.ActiveJob;
import org.ipsjobs.ipsapi.AssetJobLog;
import org.ipsjobs.ipsapi.Company;
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
import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.CompanyMembership;
import org.ipsjobs.jobs.api.DetailSortField;
import org.ipsjobs.jobs.api.JobLogQuery;
import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.LogDetailQuery;
import org.ipsjobs.jobs.api.LogPage;
import org.ipsjobs.jobs.api.MessageCatalog;
import org.ipsjobs.jobs.api.ScheduledJobView;
import org.ipsjobs.jobs.api.SortDirection;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskItemStatus;
import org.ipsjobs.jobs.model.TaskStatus;

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

    ActiveJob toActiveJob(RunRecord run) {
        JobRecord job = run.job();
        ActiveJob out = new ActiveJob();
        out.setCompanyHandle(job.companyHandle());
        out.setJobHandle(run.handle().value());
        out.setName(run.handle().instanceName());
        out.setOriginalName(job.name());
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
        DetailElements.write(job.parameters(), out);
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
        JobRecord job = view.job();
        ScheduledJob out = new ScheduledJob();
        out.setCompanyHandle(job.companyHandle());
        out.setJobHandle(job.handle().value());
        out.setName(job.name());
        out.setOriginalName(job.name());
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
        DetailElements.write(job.parameters(), out);
        return out;
    }

    JobLog toJobLog(LogRecord log) {
        JobLog out = new JobLog();
        out.setCompanyHandle(log.companyHandle());
        out.setJobHandle(log.jobHandle());
        out.setJobName(log.jobName());
        out.setOriginalJobName(log.originalName());
        out.setSubmitUserEmail(log.submitUserEmail());
        out.setLogType(log.logType());
        out.setJobSubType(log.subType());
        out.setStartDate(time(log.startDate()));
        out.setEndDate(time(log.endDate()));
        out.setDescription(log.description() == null ? "" : log.description());
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
        String locale = callerLocale != null ? callerLocale : page.log().locale();
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
        LogRecord log = entry.log();
        String locale = callerLocale != null ? callerLocale : log.locale();
        AssetJobLog out = new AssetJobLog();
        out.setJobHandle(log.jobHandle());
        out.setJobName(log.jobName());
        out.setLogMessage(messages.render(entry.detail().message(), locale));
        out.setLogType(entry.detail().logType());
        out.setSubmitUserEmail(log.submitUserEmail());
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

    org.ipsjobs.ipsapi.CompanyMembership toMembership(CompanyMembership membership) {
        org.ipsjobs.ipsapi.CompanyMembership out = new org.ipsjobs.ipsapi.CompanyMembership();
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
