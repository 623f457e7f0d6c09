package org.ipsjobs.jobs.core;

import java.util.List;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.OperationPermissions;
import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.CompanyMembership;
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.JobLogQuery;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.api.UploadPost;
import org.ipsjobs.jobs.api.UploadPostResult;
import org.ipsjobs.jobs.api.LogDetailQuery;
import org.ipsjobs.jobs.api.LogPage;
import org.ipsjobs.jobs.api.Operation;
import org.ipsjobs.jobs.api.ScheduledJobView;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;

/**
 * The role rule at the service's boundary: each call is checked against the roles its operation's
 * IPS reference page lists ({@link OperationPermissions}) before it reaches the service, so every entry
 * point gets the check and none can skip it.
 */
public final class GuardedJobService implements JobService {

    private final JobService service;

    public GuardedJobService(JobService service) {
        this.service = service;
    }

    private static void allow(Caller caller, Operation operation) {
        OperationPermissions.check(caller, operation.wireName());
    }

    @Override
    public JobHandle submit(Caller caller, JobRequest request) {
        allow(caller, Operation.SUBMIT_JOB);
        return service.submit(caller, request);
    }

    @Override
    public UploadPostResult uploadPost(Caller caller, UploadPost post) {
        allow(caller, Operation.SUBMIT_JOB); // an UploadFile POST submits an upload job
        return service.uploadPost(caller, post);
    }

    @Override
    public java.nio.file.Path exportFile(Caller caller, String companyHandle, String fileName) {
        allow(caller, Operation.GET_JOB_LOGS); // an export is read as its job's log is
        return service.exportFile(caller, companyHandle, fileName);
    }

    @Override
    public List<RunRecord> activeJobs(Caller caller, JobFilter filter) {
        allow(caller, Operation.GET_ACTIVE_JOBS);
        return service.activeJobs(caller, filter);
    }

    @Override
    public List<ScheduledJobView> scheduledJobs(Caller caller, JobFilter filter) {
        allow(caller, Operation.GET_SCHEDULED_JOBS);
        return service.scheduledJobs(caller, filter);
    }

    @Override
    public void pause(Caller caller, String companyHandle, String jobHandle) {
        allow(caller, Operation.PAUSE_JOB);
        service.pause(caller, companyHandle, jobHandle);
    }

    @Override
    public void resume(Caller caller, String companyHandle, String jobHandle) {
        allow(caller, Operation.RESUME_JOB);
        service.resume(caller, companyHandle, jobHandle);
    }

    @Override
    public void stop(Caller caller, String companyHandle, String jobHandle) {
        allow(caller, Operation.STOP_JOB);
        service.stop(caller, companyHandle, jobHandle);
    }

    @Override
    public void delete(Caller caller, String companyHandle, String jobHandle) {
        allow(caller, Operation.DELETE_JOB);
        service.delete(caller, companyHandle, jobHandle);
    }

    @Override
    public void execute(Caller caller, String companyHandle, String jobHandle) {
        allow(caller, Operation.EXECUTE_JOB);
        service.execute(caller, companyHandle, jobHandle);
    }

    @Override
    public List<LogRecord> jobLogs(Caller caller, JobLogQuery query) {
        allow(caller, Operation.GET_JOB_LOGS);
        return service.jobLogs(caller, query);
    }

    @Override
    public List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query) {
        allow(caller, Operation.GET_JOB_LOG_DETAILS);
        return service.jobLogDetails(caller, query);
    }

    @Override
    public List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle) {
        allow(caller, Operation.GET_ASSET_JOB_LOGS);
        return service.assetJobLogs(caller, companyHandle, assetHandle);
    }

    @Override
    public boolean checkLogin(Caller caller, String companyHandle, String email, String password) {
        allow(caller, Operation.CHECK_LOGIN);
        return service.checkLogin(caller, companyHandle, email, password);
    }

    @Override
    public Company companyInfo(Caller caller, String companyHandle, String companyName) {
        allow(caller, Operation.GET_COMPANY_INFO);
        return service.companyInfo(caller, companyHandle, companyName);
    }

    @Override
    public List<CompanyMembership> memberships(Caller caller, String userHandle) {
        allow(caller, Operation.GET_COMPANY_MEMBERSHIP);
        return service.memberships(caller, userHandle);
    }
}
