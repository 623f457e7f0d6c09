package org.ipsjobs.jobs.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.ipsjobs.assets.AssetPath;
import org.ipsjobs.assets.AssetStore;
import org.ipsjobs.assets.UnsafePathException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.UploadPost;
import org.ipsjobs.jobs.api.UploadPostResult;
import org.ipsjobs.jobs.model.ApiText;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.run.upload.UploadInbox;
import org.ipsjobs.run.upload.UploadInboxes;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UploadFile servlet's rules. The first POST of a job (with jobName) is a submitJob of an
 * UploadPostJob that runs at once; every POST, first or later (with jobHandle), hands its files to that
 * job's inbox, staged in the asset store, where the job's runner stores them. A POST for a job that
 * has ended, that belongs to another company, or that comes from another address than the job's
 * first is refused, and then nothing of it is kept.
 */
final class UploadPosts {

    private static final Logger LOG = LoggerFactory.getLogger(UploadPosts.class);

    /**
     * What UploadFile jobs need besides the job rules.
     *
     * @param maxFilesPerPost most file parts one POST may carry
     */
    record Setting(AssetStore assets, UploadInboxes inboxes, int maxFilesPerPost) {
    }

    private final JobStore store;
    private final CompanyAccess access;
    private final Submissions submissions;
    private final Launcher launcher;
    private final ServiceClock clock;
    private final Setting setting;
    private final java.util.function.Function<String, String> rootPathOf;

    UploadPosts(JobStore store, CompanyAccess access, Submissions submissions, Launcher launcher, ServiceClock clock,
            Setting setting, java.util.function.Function<String, String> rootPathOf) {
        this.store = store;
        this.access = access;
        this.submissions = submissions;
        this.launcher = launcher;
        this.clock = clock;
        this.setting = setting;
        this.rootPathOf = rootPathOf;
    }

    UploadPostResult post(Caller caller, UploadPost post) {
        if (setting == null) {
            throw InvalidRequestException.invalid("This server runs simulated jobs (jobs.runner: simulated), which"
                    + " store no files; UploadFile needs jobs.runner: real");
        }
        ApiText.require("companyHandle", post.companyHandle());
        ApiText.require("jobName", post.jobName());
        ApiText.require("jobHandle", post.jobHandle());
        ApiText.require("destFolder", post.destFolder());
        ApiText.require("fileName", post.fileName());
        String company = access.requireCompany(caller, post.companyHandle());
        boolean named = post.jobName() != null && !post.jobName().isBlank();
        boolean handled = post.jobHandle() != null && !post.jobHandle().isBlank();
        if (named == handled) {
            throw named ? InvalidRequestException.invalid("uploadPostParam has both jobName and jobHandle: send"
                    + " jobName in a job's first POST and the jobHandle it answered in the later ones")
                    : InvalidRequestException.missing("uploadPostParam needs jobName (a new upload job) or"
                            + " jobHandle (one a previous POST started)");
        }
        List<AssetPath> paths = paths(post, rootPathOf.apply(company));
        if (handled) {
            return later(caller, company, post, paths);
        }
        return first(caller, company, post, paths);
    }

    private UploadPostResult first(Caller caller, String company, UploadPost post, List<AssetPath> paths) {
        JobParameters parameters = post.parameters() != null ? post.parameters() : new JobParameters.UploadPost(Options.NONE);
        JobRecord prepared = submissions.prepare(caller, new JobRequest(post.companyHandle(), null, post.jobName(),
                post.locale(), null, null, post.description(), List.of(parameters)));
        // files first: a POST whose files cannot be taken leaves no job behind
        List<UploadInbox.Arrival> arrivals = stage(post, paths);
        UploadInbox inbox = new UploadInbox(post.clientAddress(), clock.instant());
        inbox.offer(arrivals, post.endJob(), clock.instant());
        RunRecord[] run = new RunRecord[1];
        try {
            setting.inboxes().open(prepared.handle().value(), inbox);
            submissions.commit(prepared, job -> run[0] = launcher.launch(job, job.submittedAt()));
        } catch (RuntimeException e) {
            setting.inboxes().remove(prepared.handle().value(), inbox);
            inbox.close(true).forEach(a -> delete(a.staged()));
            throw e;
        }
        LOG.info("upload job {} started by an UploadFile POST of {} from {}: {} file(s){}", prepared.handle(),
                caller.email(), post.clientAddress(), arrivals.size(), post.endJob() ? ", end of job" : "");
        return new UploadPostResult(run[0].handle(), arrivals.size());
    }

    private UploadPostResult later(Caller caller, String company, UploadPost post, List<AssetPath> paths) {
        String given = post.jobHandle().trim();
        String jobHandle = RunHandle.jobHandleOf(given).orElse(given);
        JobRecord job = store.job(jobHandle).filter(j -> j.companyHandle().equals(company)).orElse(null);
        RunRecord run = job == null ? null : launcher.activeRun(job);
        if (job == null || job.type() != JobType.UPLOAD_POST) {
            throw InvalidRequestException.invalid("jobHandle '" + given + "' names no upload job of company '"
                    + company + "'; start one with jobName");
        }
        UploadInbox inbox = setting.inboxes().find(jobHandle).orElse(null);
        if (run == null || inbox == null || inbox.isClosed()) {
            throw InvalidRequestException.invalid("The upload job '" + job.name() + "' has ended (its last POST set"
                    + " endJob, it timed out or it was stopped); start a new one with jobName");
        }
        if (!inbox.clientAddress().equals(post.clientAddress())) {
            throw InvalidRequestException.invalid("Every POST of an upload job must come from the address its first"
                    + " POST came from; this one comes from another");
        }
        List<UploadInbox.Arrival> arrivals = stage(post, paths);
        if (!inbox.offer(arrivals, post.endJob(), clock.instant())) {
            arrivals.forEach(a -> delete(a.staged()));
            throw InvalidRequestException.invalid("The upload job '" + job.name() + "' ended while this POST arrived;"
                    + " start a new one with jobName");
        }
        clock.wakeUp(); // the runner waits for exactly this
        LOG.info("upload job {}: a POST of {} brought {} file(s){}", jobHandle, caller.email(), arrivals.size(),
                post.endJob() ? ", end of job" : "");
        return new UploadPostResult(run.handle(), arrivals.size());
    }

    /** Where each file part goes: destFolder, then fileName or the part's own filename. */
    private List<AssetPath> paths(UploadPost post, String rootPath) {
        if (post.files().size() > setting.maxFilesPerPost()) {
            throw InvalidRequestException.invalid("The POST carries " + post.files().size() + " files; at most "
                    + setting.maxFilesPerPost() + " are taken in one POST");
        }
        boolean override = post.fileName() != null && !post.fileName().isBlank();
        if (override && post.files().size() > 1) {
            throw InvalidRequestException.invalid("fileName names one file, but the POST carries "
                    + post.files().size() + "; leave it out to use each file part's filename");
        }
        try {
            List<String> folder = AssetPath.folder("destFolder", post.destFolder(), rootPath);
            List<AssetPath> paths = new ArrayList<>();
            for (UploadPost.PostedFile file : post.files()) {
                String name = override ? post.fileName() : file.name();
                if (name == null || name.isBlank()) {
                    throw InvalidRequestException.missing("A file part has no filename in its Content-Disposition;"
                            + " give one, or set fileName");
                }
                paths.add(AssetPath.of(override ? "fileName" : "filename", folder, name, folder.isEmpty() ? rootPath
                        : null));
            }
            return paths;
        } catch (UnsafePathException e) {
            throw InvalidRequestException.invalid(e.getMessage());
        }
    }

    /** Copies each file part into the store's staging folder; on any failure none stays. */
    private List<UploadInbox.Arrival> stage(UploadPost post, List<AssetPath> paths) {
        List<UploadInbox.Arrival> staged = new ArrayList<>();
        try {
            for (int i = 0; i < paths.size(); i++) {
                Path file = setting.assets().stage();
                staged.add(new UploadInbox.Arrival(paths.get(i), file, paths.get(i).name()));
                try (InputStream in = post.files().get(i).content().open()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return staged;
        } catch (IOException e) {
            staged.forEach(a -> delete(a.staged()));
            throw new UncheckedIOException("cannot stage a posted file", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the staging folder is emptied at the next start
        }
    }
}
