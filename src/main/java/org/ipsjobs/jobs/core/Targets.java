package org.ipsjobs.jobs.core;

import java.util.Optional;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.jobs.model.InvalidRequestException;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.RunRecord;
import org.ipsjobs.jobs.store.JobStore;

/**
 * Turns the jobHandle a request names into what it refers to: a job (and its active run, if any), or
 * one run of a job. Operations accept both forms, as IPS issues both: a job's handle from submitJob
 * and getScheduledJobs, a run's from getActiveJobs. A handle of another company is answered exactly
 * like an unknown one.
 */
final class Targets {

    /**
     * What a handle named.
     *
     * @param job the job, or null when the handle named a run whose job is gone
     * @param run the run named, or the job's active run, or null
     * @param namedRun true when the handle was a run's
     */
    record Target(JobRecord job, RunRecord run, boolean namedRun) {
    }

    private final JobStore store;
    private final CompanyAccess access;

    Targets(JobStore store, CompanyAccess access) {
        this.store = store;
        this.access = access;
    }

    Target resolve(Caller caller, String companyHandle, String jobHandle) {
        String company = access.requireCompany(caller, companyHandle);
        if (jobHandle == null || jobHandle.isBlank()) {
            throw InvalidRequestException.missing("jobHandle is required");
        }
        Optional<JobRecord> job = store.job(jobHandle).filter(j -> j.companyHandle().equals(company));
        if (job.isPresent()) {
            return new Target(job.get(), activeRun(job.get()), false);
        }
        Optional<RunRecord> run = store.run(jobHandle).filter(r -> r.companyHandle().equals(company));
        if (run.isPresent()) {
            return new Target(store.job(run.get().handle().job().value()).orElse(null), run.get(), true);
        }
        throw InvalidRequestException.invalid("No job with handle '" + jobHandle + "' exists in company '" + company + "'");
    }

    private RunRecord activeRun(JobRecord job) {
        return store.runsOf(job.handle()).stream().filter(RunRecord::isActive).findFirst().orElse(null);
    }
}
