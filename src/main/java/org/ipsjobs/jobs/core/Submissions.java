package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.ipsjobs.assets.AssetPath;
import org.ipsjobs.assets.UnsafePathException;
import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.model.ApiText;
import org.ipsjobs.jobs.model.ExecTiming;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.jobs.store.NameTakenException;
import org.ipsjobs.schedule.InvalidScheduleException;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.schedule.ScheduleExpression;
import org.ipsjobs.time.ServiceClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * submitJob's rules: what a request must hold, what it may not, and what the job becomes. An accepted
 * job is stored, then scheduled or launched; if that fails, it is removed again, so a refused
 * submission leaves nothing behind.
 */
final class Submissions {

    private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);
    /** execTime outside these is surely a mistake, and past the latest it could not be written as xsd:dateTime. */
    static final Instant EARLIEST_EXEC_TIME = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST_EXEC_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final JobStore store;
    private final CompanyAccess access;
    private final JobScheduler scheduler;
    private final Launcher launcher;
    private final ServiceClock clock;
    private final JobSettings settings;

    Submissions(JobStore store, CompanyAccess access, JobScheduler scheduler, Launcher launcher, ServiceClock clock,
            JobSettings settings) {
        this.store = store;
        this.access = access;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.clock = clock;
        this.settings = settings;
    }

    JobHandle submit(Caller caller, JobRequest request) {
        JobRecord job = prepare(caller, request);
        commit(job, stored -> launcher.launch(stored, stored.submittedAt()));
        LOG.info("job {} submitted by {}: {} {}", job.handle(), caller.email(), job.type().wireName(),
                describe(job.timing()));
        return job.handle();
    }

    /**
     * Checks a request against every submitJob rule and returns the job it describes, not stored yet.
     *
     * @throws InvalidRequestException for a request that breaks a rule
     */
    JobRecord prepare(Caller caller, JobRequest request) {
        ApiText.require("companyHandle", request.companyHandle());
        ApiText.require("userHandle", request.userHandle());
        ApiText.require("jobName", request.jobName());
        ApiText.require("locale", request.locale());
        ApiText.require("execSchedule", request.execSchedule());
        ApiText.require("description", request.description());
        String company = access.requireCompany(caller, request.companyHandle());
        String jobName = checkJobName(request.jobName());
        JobParameters parameters = ParameterDefaults.apply(single(request.parameters()));
        for (String text : texts(parameters)) {
            ApiText.require(parameters.type().wireName() + " job-detail", text);
        }
        try {
            if (parameters instanceof JobParameters.UploadUrls urls) {
                for (JobParameters.UrlSource source : urls.urls()) {
                    AssetPath.folder("destPath", source.destPath(), null);
                }
            } else if (parameters instanceof JobParameters.UploadDirectory directory) {
                for (String field : List.of("serverDir", "destFolder")) {
                    AssetPath.folder(field, directory.options().get(field).map(o -> o.text()).orElse(null), null);
                }
            }
        } catch (UnsafePathException e) {
            throw InvalidRequestException.invalid(e.getMessage());
        }
        if (parameters.workItems().size() > settings.maxWorkItems()) {
            throw InvalidRequestException.invalid(parameters.type().wireName() + " job has "
                    + parameters.workItems().size() + " items; at most " + settings.maxWorkItems()
                    + " are allowed in one job");
        }
        Instant now = clock.instant();
        ExecTiming timing = timing(request.execTime(), request.execSchedule(), now);
        String notifyUser = null;
        if (request.userHandle() != null && !request.userHandle().isBlank()) {
            notifyUser = access.requestUser(caller, request.userHandle(), List.of(company)).email();
        }
        parameters = parameters.withOptions(parameters.options().shared());
        return new JobRecord(JobHandle.of(company, jobName), 1, caller.email(), notifyUser,
                blankToNull(request.locale()), blankToNull(request.description()), timing, parameters, now);
    }

    /**
     * Stores a prepared job and sets it going: a scheduled one gets its trigger, any other is handed to
     * {@code runNow}. If that fails the job is removed again, so nothing of it is left.
     *
     * @throws InvalidRequestException when the company holds a job of that name
     */
    void commit(JobRecord prepared, Consumer<JobRecord> runNow) {
        JobRecord job;
        try {
            job = store.insertJob(prepared);
        } catch (NameTakenException e) {
            throw InvalidRequestException.invalid("A job named '" + prepared.name() + "' already exists in company '"
                    + prepared.companyHandle() + "'; choose another name, or delete that job first");
        }
        try {
            if (job.timing() instanceof ExecTiming.At at) {
                scheduler.scheduleOnce(job.handle().value(), at.time());
            } else if (job.timing() instanceof ExecTiming.Recurring recurring) {
                scheduler.scheduleRecurring(job.handle().value(), recurring.schedule());
            } else {
                runNow.accept(job);
            }
        } catch (RuntimeException e) {
            store.deleteJob(job.handle());
            throw e;
        }
    }

    private String checkJobName(String name) {
        if (name == null || name.isBlank()) {
            throw InvalidRequestException.missing("jobName is required and must not be blank");
        }
        if (name.length() > settings.maxJobNameLength()) {
            throw InvalidRequestException.invalid("jobName is " + name.length() + " characters long; at most "
                    + settings.maxJobNameLength() + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw InvalidRequestException.invalid("jobName must not contain control characters");
            }
        }
        return name.strip();
    }

    private static JobParameters single(List<JobParameters> parameters) {
        if (parameters.isEmpty()) {
            throw InvalidRequestException.missing("submitJob needs one job-detail element, such as "
                    + "imageServingPublishJob or uploadUrlsJob; none was sent");
        }
        if (parameters.size() > 1) {
            throw InvalidRequestException.invalid("submitJob takes exactly one job-detail element; got "
                    + parameters.stream().map(d -> d.type().wireName()).collect(Collectors.joining(" and ")));
        }
        return parameters.get(0);
    }

    /** Every text of the parameters, typed fields and options alike. */
    private static List<String> texts(JobParameters parameters) {
        List<String> texts = new ArrayList<>(parameters.options().texts());
        texts.add(parameters.subType());
        parameters.workItems().forEach(item -> texts.add(item.name()));
        if (parameters instanceof JobParameters.UploadUrls urls) {
            urls.urls().forEach(u -> texts.add(u.destPath() == null ? "" : u.destPath()));
        }
        return texts;
    }

    private ExecTiming timing(Instant execTime, String execSchedule, Instant now) {
        boolean hasSchedule = execSchedule != null && !execSchedule.isBlank();
        if (execTime != null && hasSchedule) {
            throw InvalidRequestException.invalid("execTime and execSchedule are both set; send at most one of them");
        }
        if (execTime != null) {
            if (execTime.isBefore(EARLIEST_EXEC_TIME) || execTime.isAfter(LATEST_EXEC_TIME)) {
                throw InvalidRequestException.invalid("execTime " + execTime + " is outside the accepted range "
                        + EARLIEST_EXEC_TIME + " to " + LATEST_EXEC_TIME);
            }
            return new ExecTiming.At(execTime);
        }
        if (execSchedule != null) {
            ScheduleExpression schedule;
            try {
                schedule = ScheduleExpression.parse(execSchedule);
            } catch (InvalidScheduleException e) {
                throw InvalidRequestException.invalid(e.getMessage());
            }
            if (schedule.nextFireAfter(now, settings.zone()).isEmpty()) {
                throw InvalidRequestException.invalid("execSchedule '" + execSchedule + "' never fires from now on (it"
                        + " names a date that does not exist, or only years that are over)");
            }
            return new ExecTiming.Recurring(schedule);
        }
        return ExecTiming.Immediate.NOW;
    }

    private static String describe(ExecTiming timing) {
        if (timing instanceof ExecTiming.At at) {
            return "to run at " + at.time();
        }
        if (timing instanceof ExecTiming.Recurring recurring) {
            return "on schedule '" + recurring.schedule().text() + "'";
        }
        return "to run now";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
