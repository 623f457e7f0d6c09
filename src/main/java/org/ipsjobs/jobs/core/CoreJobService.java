package org.ipsjobs.jobs.core;

import java.util.List;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.api.CompanyMembership;
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.JobLogQuery;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.api.LogDetailQuery;
import org.ipsjobs.jobs.api.LogPage;
import org.ipsjobs.jobs.api.ScheduledJobView;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.jobs.api.UploadPost;
import org.ipsjobs.jobs.api.UploadPostResult;
import org.ipsjobs.run.upload.UploadInboxes;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;

/**
 * The {@link JobService} with its company and request rules, each part in a class of its own:
 * {@link Submissions}, {@link Listings}, {@link Control}, {@link LogQueries}, {@link CompanyLookup}.
 * Role checks wrap it ({@link GuardedJobService}); the launching of runs is {@link Launcher}'s.
 */
public final class CoreJobService implements JobService {

    private final Submissions submissions;
    private final UploadPosts uploads;
    private final CompanyAccess access;
    private final java.nio.file.Path exportRoot;
    private final Listings listings;
    private final Control control;
    private final LogQueries logs;
    private final CompanyLookup companies;
    private final UserDirectory directory;

    public CoreJobService(JobStore store, UserDirectory directory, JobScheduler scheduler, Launcher launcher,
            ServiceClock clock, LiveJobSettings settings) {
        this(store, directory, scheduler, launcher, clock, settings, null, null, 0, null);
    }

    /**
     * @param assets where posted files are staged, or null when jobs run simulated (UploadFile is refused)
     * @param inboxes the UploadFile jobs taking files
     * @param maxFilesPerPost most file parts one UploadFile POST may carry
     * @param exportRoot where export jobs write their zips, or null when jobs run simulated
     */
    public CoreJobService(JobStore store, UserDirectory directory, JobScheduler scheduler, Launcher launcher,
            ServiceClock clock, LiveJobSettings settings, AssetStore assets, UploadInboxes inboxes,
            int maxFilesPerPost, java.nio.file.Path exportRoot) {
        CompanyAccess access = new CompanyAccess(directory);
        this.access = access;
        this.exportRoot = exportRoot;
        this.directory = directory;
        this.submissions = new Submissions(store, access, scheduler, launcher, clock, settings.get());
        this.uploads = new UploadPosts(store, access, submissions, launcher, clock, assets == null ? null
                : new UploadPosts.Setting(assets, inboxes, maxFilesPerPost),
                company -> directory.company(company).map(org.ipsjobs.auth.Company::rootPath).orElse(null));
        this.listings = new Listings(store, access, scheduler, clock, settings);
        this.control = new Control(store, new Targets(store, access), scheduler, launcher, clock);
        this.logs = new LogQueries(store, access, settings.get().maxLogRows());
        this.companies = new CompanyLookup(directory, access);
    }

    @Override
    public JobHandle submit(Caller caller, JobRequest request) {
        return submissions.submit(caller, request);
    }

    @Override
    public UploadPostResult uploadPost(Caller caller, UploadPost post) {
        return uploads.post(caller, post);
    }

    @Override
    public java.nio.file.Path exportFile(Caller caller, String companyHandle, String fileName) {
        String company = access.requireCompany(caller, companyHandle);
        if (exportRoot == null) {
            throw InvalidRequestException.invalid("This server runs simulated jobs, which write no exports");
        }
        if (fileName == null || !fileName.matches("export-[A-Za-z0-9._-]{1,300}\\.zip") || fileName.contains("..")) {
            throw InvalidRequestException.invalid("'" + (fileName == null ? "" : fileName) + "' is not the name of an"
                    + " export (they look like export-<job name>-<time>.zip, as the job's log says)");
        }
        java.nio.file.Path file = org.ipsjobs.run.export.ExportRunner.folder(exportRoot, company,
                directory.company(company).map(org.ipsjobs.auth.Company::rootPath).orElse(null)).resolve(fileName);
        if (!java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw InvalidRequestException.invalid("Company '" + company + "' has no export named '" + fileName + "'");
        }
        return file;
    }

    @Override
    public List<RunRecord> activeJobs(Caller caller, JobFilter filter) {
        return listings.activeJobs(caller, filter);
    }

    @Override
    public List<ScheduledJobView> scheduledJobs(Caller caller, JobFilter filter) {
        return listings.scheduledJobs(caller, filter);
    }

    @Override
    public void pause(Caller caller, String companyHandle, String jobHandle) {
        control.pause(caller, companyHandle, jobHandle);
    }

    @Override
    public void resume(Caller caller, String companyHandle, String jobHandle) {
        control.resume(caller, companyHandle, jobHandle);
    }

    @Override
    public void stop(Caller caller, String companyHandle, String jobHandle) {
        control.stop(caller, companyHandle, jobHandle);
    }

    @Override
    public void delete(Caller caller, String companyHandle, String jobHandle) {
        control.delete(caller, companyHandle, jobHandle);
    }

    @Override
    public void execute(Caller caller, String companyHandle, String jobHandle) {
        control.execute(caller, companyHandle, jobHandle);
    }

    @Override
    public List<LogRecord> jobLogs(Caller caller, JobLogQuery query) {
        return logs.jobLogs(caller, query);
    }

    @Override
    public List<LogPage> jobLogDetails(Caller caller, LogDetailQuery query) {
        return logs.jobLogDetails(caller, query);
    }

    @Override
    public List<AssetLogEntry> assetJobLogs(Caller caller, String companyHandle, String assetHandle) {
        return logs.assetJobLogs(caller, companyHandle, assetHandle);
    }

    @Override
    public boolean checkLogin(Caller caller, String companyHandle, String email, String password) {
        return directory.checkLogin(caller, companyHandle, email, password);
    }

    @Override
    public Company companyInfo(Caller caller, String companyHandle, String companyName) {
        return companies.companyInfo(caller, companyHandle, companyName);
    }

    @Override
    public List<CompanyMembership> memberships(Caller caller, String userHandle) {
        return companies.memberships(caller, userHandle);
    }

    /** Stops every queued and running job because the server is shutting down. Returns how many. */
    public int stopAllForShutdown() {
        return control.stopAllForShutdown();
    }

    Control control() {
        return control;
    }

    Submissions submissions() {
        return submissions;
    }
}
