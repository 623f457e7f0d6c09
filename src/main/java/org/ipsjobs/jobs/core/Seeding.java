package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.Company;
import org.ipsjobs.auth.Role;
import org.ipsjobs.auth.StoredPassword;
import org.ipsjobs.auth.User;
import org.ipsjobs.auth.UserDirectory;
import org.ipsjobs.control.FaultEffect;
import org.ipsjobs.control.Seed;
import org.ipsjobs.control.SeedException;
import org.ipsjobs.control.SeedReport;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogDetail;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.model.TaskItemStatus;
import org.ipsjobs.jobs.model.TaskStatus;
import org.ipsjobs.jobs.model.WorkItem;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.run.TaskTypes;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;

/**
 * Puts a {@link Seed} into the service, all or nothing: companies and users join the directory, and
 * each job passes the same rules as submitJob before any of it is stored. A seeded job is then
 * scheduled, queued and held, running and stalled at its progress, or done with its log; queued and
 * running ones wait to be released through the admin API (or stopped) like a stall rule's runs.
 */
final class Seeding {

    /** Who a seeded job was submitted by when the seed does not say. */
    static final String SEED_USER = "seed@localhost";

    private final Submissions submissions;
    private final Launcher launcher;
    private final JobStore store;
    private final JobScheduler scheduler;
    private final UserDirectory directory;
    private final ServiceClock clock;

    Seeding(Submissions submissions, Launcher launcher, JobStore store, JobScheduler scheduler, UserDirectory directory,
            ServiceClock clock) {
        this.submissions = submissions;
        this.launcher = launcher;
        this.store = store;
        this.scheduler = scheduler;
        this.directory = directory;
        this.clock = clock;
    }

    /** A seeded job, checked and ready to store. */
    private record Prepared(int index, Seed.Job seed, Seed.State state, JobRecord job) {
    }

    synchronized SeedReport apply(Seed seed) {
        List<Company> oldCompanies = directory.companies();
        List<User> oldUsers = directory.users();
        List<Company> companies = companies(seed, oldCompanies);
        List<User> users = users(seed, oldUsers, companies);
        List<Company> allCompanies = new ArrayList<>(oldCompanies);
        allCompanies.addAll(companies);
        List<User> allUsers = new ArrayList<>(oldUsers);
        allUsers.addAll(users);
        directory.replace(allCompanies, allUsers);
        List<Prepared> prepared;
        try {
            prepared = prepare(seed);
        } catch (RuntimeException e) {
            directory.replace(oldCompanies, oldUsers);
            throw e;
        }
        List<String> jobHandles = new ArrayList<>();
        List<String> runHandles = new ArrayList<>();
        List<JobRecord> stored = new ArrayList<>();
        try {
            for (Prepared p : prepared) {
                submissions.commit(p.job(), job -> runHandles.add(start(p, job)));
                stored.add(p.job());
                jobHandles.add(p.job().handle().value());
            }
        } catch (RuntimeException e) {
            for (JobRecord job : stored) {
                forget(job);
            }
            directory.replace(oldCompanies, oldUsers);
            throw e;
        }
        return new SeedReport(companies.stream().map(Company::handle).toList(), users.stream().map(User::email).toList(),
                jobHandles, runHandles);
    }

    private List<Company> companies(Seed seed, List<Company> existing) {
        Map<String, String> ids = new HashMap<>();
        Set<String> handles = new HashSet<>();
        for (Company c : existing) {
            ids.put(JobHandle.companyId(c.handle()), c.handle());
            handles.add(c.handle());
        }
        List<Company> out = new ArrayList<>();
        for (int i = 0; i < seed.companies().size(); i++) {
            Seed.Company c = seed.companies().get(i);
            String where = "companies[" + i + "]";
            if (c.handle() == null || c.handle().isBlank()) {
                throw new SeedException(where + ".handle", "every company needs a handle");
            }
            if (!handles.add(c.handle())) {
                throw new SeedException(where + ".handle", "company '" + c.handle() + "' exists already");
            }
            String id = JobHandle.companyId(c.handle());
            if (id.isEmpty() || id.contains("|")) {
                throw new SeedException(where + ".handle", "'" + c.handle() + "' cannot go into job handles; use a"
                        + " handle such as c|8676 or 8676");
            }
            String clash = ids.putIfAbsent(id, c.handle());
            if (clash != null) {
                throw new SeedException(where + ".handle", "'" + c.handle() + "' gives company id '" + id + "', as '"
                        + clash + "' does");
            }
            String name = c.name() == null || c.name().isBlank() ? c.handle() : c.name();
            out.add(new Company(c.handle(), name, c.rootPath() == null ? name + "/" : c.rootPath(), c.expires()));
        }
        return out;
    }

    private List<User> users(Seed seed, List<User> existing, List<Company> seededCompanies) {
        Set<String> companies = new HashSet<>();
        directory.companies().forEach(c -> companies.add(c.handle()));
        seededCompanies.forEach(c -> companies.add(c.handle()));
        Set<String> emails = new HashSet<>();
        Set<String> userHandles = new HashSet<>();
        for (User u : existing) {
            emails.add(u.email().toLowerCase(Locale.ROOT));
            userHandles.add(u.handle());
        }
        List<User> out = new ArrayList<>();
        for (int i = 0; i < seed.users().size(); i++) {
            Seed.User u = seed.users().get(i);
            String where = "users[" + i + "]";
            if (u.email() == null || u.email().isBlank()) {
                throw new SeedException(where + ".email", "every user needs an email");
            }
            String email = u.email().trim();
            if (!emails.add(email.toLowerCase(Locale.ROOT))) {
                throw new SeedException(where + ".email", "user '" + email + "' exists already");
            }
            if (u.password() == null || u.password().isEmpty()) {
                throw new SeedException(where + ".password", "every user needs a password");
            }
            Role role = Role.fromWireName(u.role() == null ? "" : u.role()).orElseThrow(() -> new SeedException(
                    where + ".role", "'" + u.role() + "' is not an IPS user role; use one of " + Role.wireNames()));
            Set<String> memberOf = new LinkedHashSet<>();
            for (String company : u.companies()) {
                if (!companies.contains(company)) {
                    throw new SeedException(where + ".companies", "company '" + company + "' is neither configured nor"
                            + " seeded");
                }
                memberOf.add(company);
            }
            String handle = u.handle() == null || u.handle().isBlank() ? email : u.handle();
            if (!userHandles.add(handle)) {
                throw new SeedException(where + ".handle", "user handle '" + handle + "' is taken");
            }
            StoredPassword password;
            try {
                password = StoredPassword.fromConfig(u.password());
            } catch (IllegalArgumentException e) {
                throw new SeedException(where + ".password", e.getMessage() + " (a hash looks like "
                        + org.ipsjobs.auth.Pbkdf2Password.FORM + "; hash-password prints one)");
            }
            out.add(new User(handle, email, password, role, memberOf, u.disabled()));
        }
        return out;
    }

    private List<Prepared> prepare(Seed seed) {
        List<Prepared> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < seed.jobs().size(); i++) {
            Seed.Job s = seed.jobs().get(i);
            String where = "jobs[" + i + "]";
            boolean timed = (s.schedule() != null && !s.schedule().isBlank()) || s.execTime() != null;
            Seed.State state = s.state() != null ? s.state() : timed ? Seed.State.SCHEDULED : Seed.State.DONE;
            if (state == Seed.State.SCHEDULED && !timed) {
                throw new SeedException(where + ".state", "a Scheduled job needs a schedule or an execTime");
            }
            if (state != Seed.State.SCHEDULED && timed) {
                throw new SeedException(where + ".state", "a job with a schedule or execTime is Scheduled; its runs"
                        + " come from its trigger (leave state out, or drop the schedule)");
            }
            if (s.progress() != null && state != Seed.State.RUNNING) {
                throw new SeedException(where + ".progress", "progress goes with state Running");
            }
            if (s.progress() != null && (s.progress() < 0 || s.progress() > 99)) {
                throw new SeedException(where + ".progress", "a running job's progress is 0 to 99");
            }
            if (state != Seed.State.DONE && (s.log() != null || s.startDate() != null || s.endDate() != null)) {
                throw new SeedException(where + ".log", "log, startDate and endDate go with state Done");
            }
            if (s.startDate() != null && s.endDate() != null && s.endDate().isBefore(s.startDate())) {
                throw new SeedException(where + ".endDate", "endDate is before startDate");
            }
            if (s.company() == null || s.company().isBlank()) {
                throw new SeedException(where + ".company", "every job needs a company");
            }
            if (directory.company(s.company()).isEmpty()) {
                throw new SeedException(where + ".company", "company '" + s.company() + "' is neither configured nor"
                        + " seeded");
            }
            if (s.name() != null && !names.add(s.company() + "\u0000" + s.name().strip())) {
                throw new SeedException(where + ".name", "the seed names two jobs '" + s.name() + "' in company '"
                        + s.company() + "'");
            }
            if (s.name() != null && store.job(JobHandle.of(s.company(), s.name().strip()).value()).isPresent()) {
                throw new SeedException(where + ".name", "company '" + s.company() + "' holds a job named '" + s.name()
                        + "' already");
            }
            JobType type = s.type() == null ? JobType.IMAGE_SERVING_PUBLISH : s.type();
            JobRecord job;
            try {
                job = submissions.prepare(caller(s, where), new JobRequest(s.company(), null, s.name(), s.locale(),
                        s.execTime(), s.schedule(), s.description(), List.of(parameters(type, s.items()))));
            } catch (InvalidRequestException e) {
                throw new SeedException(where, e.getMessage());
            }
            if (state == Seed.State.DONE && s.log() != null) {
                checkLog(s.log(), where + ".log");
            }
            out.add(new Prepared(i, s, state, job));
        }
        return out;
    }

    private Caller caller(Seed.Job s, String where) {
        if (s.submittedBy() == null || s.submittedBy().isBlank()) {
            return new Caller(new User(SEED_USER, SEED_USER, StoredPassword.plain(""), Role.IPS_ADMIN, Set.of(), false),
                    null, "seed", "1");
        }
        User user = directory.user(s.submittedBy()).orElseThrow(() -> new SeedException(where + ".submittedBy",
                "user '" + s.submittedBy() + "' is neither configured nor seeded"));
        if (!user.belongsTo(s.company())) {
            throw new SeedException(where + ".submittedBy", "user '" + s.submittedBy() + "' does not belong to company '"
                    + s.company() + "'");
        }
        return new Caller(user, null, "seed", "1");
    }

    private static void checkLog(Seed.Log log, String where) {
        for (String count : new String[] {"successCount", "errorCount", "warningCount"}) {
            Integer n = switch (count) {
                case "successCount" -> log.successCount();
                case "errorCount" -> log.errorCount();
                default -> log.warningCount();
            };
            if (n != null && n < 0) {
                throw new SeedException(where + "." + count, count + " must not be negative");
            }
        }
        for (int i = 0; i < log.lines().size(); i++) {
            Seed.Line line = log.lines().get(i);
            if (line.type() == null || line.type().isBlank()) {
                throw new SeedException(where + ".lines[" + i + "].type", "every line needs a log type, such as"
                        + " UploadSuccess");
            }
            if (line.message() == null) {
                throw new SeedException(where + ".lines[" + i + "].message", "every line needs a message");
            }
        }
    }

    /** The job-detail of a seeded job: its kind, with its items where the kind takes any. */
    private static JobParameters parameters(JobType type, List<String> items) {
        return switch (type) {
            case IMAGE_SERVING_PUBLISH -> new JobParameters.ImageServingPublish("Full", Options.NONE);
            case IMAGE_RENDERING_PUBLISH -> new JobParameters.ImageRenderingPublish(Options.NONE);
            case VIDEO_PUBLISH -> new JobParameters.VideoPublish(Options.NONE);
            case SERVER_DIRECTORY_PUBLISH -> new JobParameters.ServerDirectoryPublish(Options.NONE);
            case METADATA_PUBLISH -> new JobParameters.MetadataPublish(Options.NONE);
            case UPLOAD_FROM_SERVER_DIRECTORY -> new JobParameters.UploadDirectory(Options.NONE);
            case URL_UPLOAD -> new JobParameters.UploadUrls(items.stream()
                    .map(u -> new JobParameters.UrlSource(u, null)).toList(), Options.NONE);
            case UPLOAD_POST -> new JobParameters.UploadPost(Options.NONE);
            case IMAGE_OPTIMIZATION -> new JobParameters.OptimizeImages(Options.NONE);
            case RIP_PDFS -> new JobParameters.RipPdfs(items, Options.NONE);
            case REPROCESS_ASSETS -> new JobParameters.ReprocessAssets(items, Options.NONE);
            case CREATE_VIDEO_SITEMAP -> new JobParameters.CreateVideoSitemap(Options.NONE);
            case EXPORT -> new JobParameters.Export(items, null, Options.NONE);
            case AUTOMATED_SET_GENERATION -> new JobParameters.AutomatedSetGeneration(items, Options.NONE);
        };
    }

    /** Starts the stored job's run in its seeded state; returns the run's handle. */
    private String start(Prepared p, JobRecord job) {
        return switch (p.state()) {
            case QUEUED -> launcher.launch(job, clock.instant(), new FaultEffect.Stall(true, 0)).handle().value();
            case RUNNING -> launcher.launch(job, clock.instant(),
                    new FaultEffect.Stall(false, p.seed().progress() == null ? 0 : p.seed().progress())).handle().value();
            case DONE -> storeDone(p.seed(), job);
            case SCHEDULED -> throw new IllegalStateException("a scheduled job is not started");
        };
    }

    /** A finished run and its log, as the seed describes them. */
    private String storeDone(Seed.Job s, JobRecord job) {
        Instant start = s.startDate() != null ? s.startDate() : clock.instant();
        Instant end = s.endDate() != null ? s.endDate() : start;
        List<WorkItem> items = launcher.items(job);
        Seed.Log log = s.log() != null ? s.log() : new Seed.Log(null, null, null, false, List.of());
        int successes = log.successCount() != null ? log.successCount() : count(log, "Success", items.size());
        int errors = log.errorCount() != null ? log.errorCount() : count(log, "Error", 0);
        int warnings = log.warningCount() != null ? log.warningCount() : count(log, "Warning", 0);
        RunHandle handle = RunHandle.of(job.handle(), store.nextRunId(), start, launcher.zone());
        List<TaskItemStatus> itemStatus = items.stream()
                .map(i -> new TaskItemStatus(i.name(), 1.0, "Done", end)).toList();
        String summary = "Done: " + successes + " succeeded, " + errors + " failed";
        TaskStatus task = new TaskStatus(TaskTypes.of(job.type()), JobState.DONE.wireName(), items.size(), 0, 0, 1.0,
                items.size() + " of " + items.size() + " items processed", end, itemStatus);
        store.insertRun(new RunRecord(handle, 1, job, JobState.DONE, start, items.size(), 100, summary, end,
                List.of(task), end, false, null));
        List<LogDetail> details = new ArrayList<>();
        if (log.lines().isEmpty()) {
            details.add(new LogDetail(job.type().logFamily().begin(), LogMessage.of("job.begin", job.name(),
                    String.valueOf(items.size())), start, null, null, null));
            details.add(new LogDetail(job.type().logFamily().end(), LogMessage.of("job.end", job.name(),
                    String.valueOf(successes), String.valueOf(errors)), end, null, null, null));
        } else {
            for (Seed.Line line : log.lines()) {
                details.add(new LogDetail(line.type(), LogMessage.of("literal", line.message()),
                        line.at() != null ? line.at() : end, line.assetName(), line.assetName() == null ? null : "NoType",
                        line.assetHandle()));
            }
        }
        store.appendLog(new LogRecord(store.nextLogId(), handle, job.submitUserEmail(), job.locale(), job.description(),
                job.type(), job.parameters().subType(), start, end, successes, errors, warnings,
                Math.max(items.size(), successes + errors), log.fatalError(), details));
        return handle.value();
    }

    private static int count(Seed.Log log, String suffix, int otherwise) {
        if (log.lines().isEmpty()) {
            return otherwise;
        }
        return (int) log.lines().stream().filter(l -> l.type().endsWith(suffix)).count();
    }

    /** Takes back a job a failed seed had stored. */
    private void forget(JobRecord job) {
        scheduler.remove(job.handle().value());
        for (RunRecord run : store.runsOf(job.handle())) {
            store.deleteRun(run.handle(), run.version());
        }
        store.deleteJob(job.handle());
    }
}
