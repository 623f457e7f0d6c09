package org.ipsjobs.jobs.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.api.JobFilter;
import org.ipsjobs.jobs.api.ScheduledJobView;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;
import org.ipsjobs.schedule.JobScheduler;
import org.ipsjobs.time.ServiceClock;

/** getActiveJobs and getScheduledJobs: what a caller may see, filtered and ordered. Reads only. */
final class Listings {

    private final JobStore store;
    private final CompanyAccess access;
    private final JobScheduler scheduler;
    private final ServiceClock clock;
    private final LiveJobSettings settings;

    Listings(JobStore store, CompanyAccess access, JobScheduler scheduler, ServiceClock clock, LiveJobSettings settings) {
        this.store = store;
        this.access = access;
        this.scheduler = scheduler;
        this.clock = clock;
        this.settings = settings;
    }

    List<RunRecord> activeJobs(Caller caller, JobFilter filter) {
        Collection<String> companies = access.visibleCompanies(caller, filter.companyHandle());
        Stream<RunRecord> candidates;
        if (filter.jobHandle() != null) {
            // a job's handle lists its runs, even those of a job deleted while it ran; a run's, that run
            List<RunRecord> ofJob = store.runsOf(filter.jobHandle());
            candidates = !ofJob.isEmpty() ? ofJob.stream() : store.run(filter.jobHandle()).stream();
        } else {
            candidates = companies.stream().flatMap(c -> store.runsOfCompany(c).stream());
        }
        Instant now = clock.instant();
        return candidates
                .filter(run -> companies.contains(run.companyHandle()))
                .filter(run -> !expired(run, now)) // the sweeper removes them; a listing only skips them
                .filter(run -> filter.originalName() == null || filter.originalName().equals(run.job().name()))
                .filter(run -> filter.includeWaiting() || !isWaiting(run.state()))
                .sorted(Comparator.comparing(RunRecord::triggerTime).thenComparing(r -> r.handle().instanceName()))
                .toList();
    }

    private boolean expired(RunRecord run, Instant now) {
        return run.doneAt() != null && !now.isBefore(run.doneAt().plus(settings.get().doneLinger()));
    }

    private static boolean isWaiting(JobState state) {
        return state == JobState.NEW || state == JobState.WAITING_CLIENT || state == JobState.WAITING_COORDINATOR;
    }

    List<ScheduledJobView> scheduledJobs(Caller caller, JobFilter filter) {
        Collection<String> companies = access.visibleCompanies(caller, filter.companyHandle());
        Stream<JobRecord> candidates;
        if (filter.jobHandle() != null) {
            Optional<JobRecord> job = store.job(filter.jobHandle())
                    .or(() -> store.run(filter.jobHandle()).flatMap(r -> store.job(r.handle().job().value())));
            candidates = job.stream().filter(j -> companies.contains(j.companyHandle()));
        } else {
            candidates = companies.stream().flatMap(c -> store.scheduledJobs(c).stream());
        }
        List<ScheduledJobView> views = new ArrayList<>();
        candidates.filter(job -> filter.originalName() == null || filter.originalName().equals(job.name()))
                .filter(job -> job.timing().isScheduled())
                .forEach(job -> scheduler.trigger(job.handle().value())
                        .ifPresent(trigger -> views.add(new ScheduledJobView(job, trigger))));
        views.sort(Comparator.comparing((ScheduledJobView v) -> v.job().submittedAt()).thenComparing(v -> v.job().name()));
        return views;
    }
}
