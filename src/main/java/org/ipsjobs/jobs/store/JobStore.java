package org.ipsjobs.jobs.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ipsjobs.jobs.api.AssetLogEntry;
import org.ipsjobs.jobs.model.JobHandle;
import org.ipsjobs.jobs.model.JobRecord;
import org.ipsjobs.jobs.model.JobState;
import org.ipsjobs.jobs.model.JobType;
import org.ipsjobs.jobs.model.LogRecord;
import org.ipsjobs.jobs.model.RunHandle;
import org.ipsjobs.jobs.model.RunRecord;

/**
 * Storage of jobs, their runs and their logs: the service provider interface behind the job service.
 * It speaks storage verbs only and keeps plain, immutable, versioned records; every rule lives in
 * the service.
 *
 * <p>Contract for implementations:
 * <ul>
 * <li>All methods are thread-safe; a lookup that misses returns an empty Optional or list, never null.</li>
 * <li>A record is inserted at version 1 and changed only by {@code update}, whose new record must carry
 * the stored version plus one: a change computed from a stale copy is refused with
 * {@link StaleRecordException} (optimistic locking, as a version column in an UPDATE's WHERE clause).</li>
 * <li>The store mints what must be unique: job names within a company (an insert whose name is taken
 * is refused with {@link NameTakenException}), run ids and log ids (increasing), asset numbers per
 * company.</li>
 * <li>Lookups by handle, and listing one company's runs, do not slow down as the store grows; log
 * search ({@link LogSearch}) may be answered from an index.</li>
 * </ul>
 * {@code JobStoreContract} in the tests is the suite every implementation must pass.
 */
public interface JobStore {

    // ---------------------------------------------------------------- jobs

    /** Stores a new job at version 1. @throws NameTakenException when its company holds a job of that name */
    JobRecord insertJob(JobRecord job);

    /** The job with this handle (its wire form). */
    Optional<JobRecord> job(String handle);

    /** Stores the next version of a job. @throws StaleRecordException unless it follows the stored one */
    JobRecord updateJob(JobRecord next);

    /** Forgets a job (its runs and logs stay); false when it was not stored. */
    boolean deleteJob(JobHandle handle);

    /** The jobs of one company that wait for a trigger (not {@code Immediate}). */
    List<JobRecord> scheduledJobs(String companyHandle);

    /** Every job of a company, scheduled or not, in no particular order. */
    List<JobRecord> jobsOf(String companyHandle);

    // ---------------------------------------------------------------- runs

    /** A new run id: unique, increasing. */
    long nextRunId();

    /** Stores a new run at version 1. */
    RunRecord insertRun(RunRecord run);

    /** The run with this handle (its wire form). */
    Optional<RunRecord> run(String handle);

    /** Stores the next version of a run. @throws StaleRecordException unless it follows the stored one */
    RunRecord updateRun(RunRecord next);

    /** Removes the run if it is still at this version; false otherwise. */
    boolean deleteRun(RunHandle handle, long version);

    /**
     * The runs of the job with this handle (its wire form) still stored, oldest first. Runs outlive
     * their job record: a job deleted while it ran keeps its stopping run findable by the job's handle
     * until the run is swept.
     */
    List<RunRecord> runsOf(String jobHandle);

    /** The runs of one job still stored, oldest first. */
    default List<RunRecord> runsOf(JobHandle job) {
        return runsOf(job.value());
    }

    /** The runs of one company. */
    List<RunRecord> runsOfCompany(String companyHandle);

    /** Every stored run that is not Done. */
    List<RunRecord> activeRuns();

    /** The Done runs that finished at or before the instant. */
    List<RunRecord> runsDoneBy(Instant instant);

    /** When the earliest Done run finished, if any is stored. */
    Optional<Instant> earliestDone();

    // ---------------------------------------------------------------- logs and assets

    /** A new log id: unique, increasing. */
    long nextLogId();

    /** Stores a finished run's log. */
    void appendLog(LogRecord log);

    /** The logs matching the search, in its order, at most its limit. */
    List<LogRecord> searchLogs(LogSearch search);

    /** The log lines about one asset of a company, oldest first. */
    List<AssetLogEntry> assetLogs(String companyHandle, String assetHandle);

    /** A new asset number for the company: unique within it, increasing. */
    long nextAssetNumber(String companyHandle);

    // ---------------------------------------------------------------- housekeeping

    /** How many jobs, runs and logs are stored. */
    Counts counts();

    /**
     * How many stored runs of the type are in the state now. Kept as runs are written, so asking is
     * cheap however many runs are stored (the metrics ask for every state and type at each scrape).
     */
    long runCount(JobState state, JobType type);

    /** Forgets everything (for a reset). */
    void clear();

    /**
     * What a store holds.
     *
     * @param jobs stored jobs
     * @param runs stored runs
     * @param logs stored logs
     */
    record Counts(long jobs, long runs, long logs) {
    }
}
