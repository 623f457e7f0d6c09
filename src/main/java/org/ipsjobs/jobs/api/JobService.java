package org.ipsjobs.jobs.api;

import java.util.List;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;

/**
 * The IPS API as the domain offers it to every entry point (SOAP, plain XML, uploads, the admin API):
 * submit jobs, list and control them, read their logs, and the lookups clients make first.
 *
 * <p>Every call names its caller; the caller's role must allow the operation ({@link Operation}) and
 * a caller only ever sees and touches jobs of companies it belongs to. Rule violations are reported
 * as {@link org.ipsjobs.jobs.model.InvalidRequestException} (the request is wrong) or
 * {@link org.ipsjobs.auth.AuthorizationException} (the caller may not do it); a job handle that is
 * unknown or belongs to another company is reported as the same invalid parameter, so a foreign
 * job's existence never shows. A call that throws has changed nothing. Thread-safe.
 */
public interface JobService {

    /** Accepts a job; it runs now, at its execTime, or on its schedule. */
    JobHandle submit(Caller caller, JobRequest request);

    /**
     * Takes one POST of the UploadFile servlet: starts an upload job (the first POST) or hands files to
     * one that waits for them. Its rules are submitJob's.
     */
    UploadPostResult uploadPost(Caller caller, UploadPost post);

    /**
     * The file of an export job's zip, for download: one of the company's exports, named as the job's
     * log names it.
     */
    java.nio.file.Path exportFile(Caller caller, String companyHandle, String fileName);

    /** Runs that are queued, running, stopping, or done within the linger time; oldest first. */
    List<RunRecord> activeJobs(Caller caller, JobFilter filter);

    /** Jobs whose trigger has yet to fire (one-shot) or fires repeatedly (recurring). */
    List<ScheduledJobView> scheduledJobs(Caller caller, JobFilter filter);

    /** Pauses the job's trigger and holds its queued run, if any. Takes a job's or a run's handle. */
    void pause(Caller caller, String companyHandle, String jobHandle);

    /** Resumes the job's trigger and releases its held run, if any. Takes a job's or a run's handle. */
    void resume(Caller caller, String companyHandle, String jobHandle);

    /**
     * Stops the job's queued or running run; a job with none (it finished just now, say) is left as it
     * is. Takes a job's or a run's handle.
     */
    void stop(Caller caller, String companyHandle, String jobHandle);

    /** Removes the job's schedule, stops its run if active, and forgets the job (its logs stay). */
    void delete(Caller caller, String companyHandle, String jobHandle);

    /** Runs a scheduled job once now. */
    void execute(Caller caller, String companyHandle, String jobHandle);

    /** Job logs matching the query, sorted and limited. */
    List<LogRecord> jobLogs(Caller caller, JobLogQuery query);

    /** Job logs with one page of their lines each. */
    List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query);

    /** Log lines about one asset, oldest first. */
    List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle);

    /** True when the email and password are a valid login (in the company, when one is named). */
    boolean checkLogin(Caller caller, String companyHandle, String email, String password);

    /** The company named by handle or, when no handle is given, by name. */
    Company companyInfo(Caller caller, String companyHandle, String companyName);

    /** The companies a user (the caller when no handle is given) belongs to, as far as the caller may see. */
    List<CompanyMembership> memberships(Caller caller, String userHandle);
}
