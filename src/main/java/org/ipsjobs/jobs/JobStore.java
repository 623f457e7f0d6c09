package org.ipsjobs.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Storage of jobs, their runs and their logs: the service provider interface behind
 * {@link JobService}. It speaks storage verbs only; every rule lives in the service.
 *
 * <p>Contract for implementations: all methods are thread-safe; a lookup that misses returns an
 * empty Optional or an empty collection, never null; collections returned are safe to iterate while
 * the store changes. Lookups by handle and listing one company's runs must not slow down as the
 * store grows.
 */
public interface JobStore {

    /**
     * Reserves a job name within a company and returns it: the requested name if it was never used
     * there, else the first free of {@code name_2}, {@code name_3}, ... A name stays reserved for
     * good, so handles are never reused.
     */
    String reserveName(String companyHandle, String requestedName);

    /** Stores a job, replacing any with the same handle. */
    void storeJob(JobDefinition job);

    Optional<JobDefinition> retrieveJob(String jobHandle);

    /** Forgets a job (its logs stay). */
    void removeJob(String jobHandle);

    /** The stored jobs of one company that wait for a trigger ({@link ExecTiming#isScheduled()}). */
    Collection<JobDefinition> scheduledJobsOfCompany(String companyHandle);

    /** Stores the current run of a job, replacing the job's previous run. */
    void storeRun(JobRun run);

    /** The current (or last, if not yet swept) run of a job. */
    Optional<JobRun> retrieveRun(String jobHandle);

    /** The runs of one company. */
    Collection<JobRun> runsOfCompany(String companyHandle);

    /** Every stored run. */
    Collection<JobRun> allRuns();

    /** Removes this run if it is still the job's current one; returns whether it did. */
    boolean removeRun(JobRun run);

    /** Stores a finished run's log. */
    void storeLog(JobLogRecord log);

    /** The logs of one job, oldest first. */
    List<JobLogRecord> logsOfJob(String jobHandle);

    /**
     * The logs of one company, newest first: latest start date first, and among equal start dates the
     * one written last first. getJobLogs' default order, so a listing in it reads only the logs it returns.
     */
    Stream<JobLogRecord> logsOfCompany(String companyHandle);

    /** The log lines about one asset of a company, oldest first. */
    List<AssetLogEntry> assetLogs(String companyHandle, String assetHandle);

    /** How many runs are stored. */
    int runCount();

    /** How many logs are stored. */
    long logCount();
}
