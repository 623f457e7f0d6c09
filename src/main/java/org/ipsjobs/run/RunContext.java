package org.ipsjobs.run;

import java.util.List;

import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.LogMessage;
import org.ipsjobs.jobs.model.WorkItem;

/**
 * What a {@link JobRunner} sees of the run it executes: the job's parameters, the items to work
 * through, a way to report each item's outcome, and the stop signal. Reports update the run's
 * progress and its log as they arrive. Used by one runner thread at a time.
 */
public interface RunContext {

    /** What the job is to do. */
    JobParameters parameters();

    /** The items to work through, in order; empty only for a job whose items arrive while it runs. */
    List<WorkItem> items();

    /** True once the run has been asked to stop; runners check it between items. */
    boolean stopRequested();

    /**
     * Waits the configured time one item takes, on the service clock. Returns at once, with false,
     * when the run is asked to stop, so a stop never waits for a slow pace.
     */
    boolean pace() throws InterruptedException;

    /** The item at this index is being worked on. */
    void itemStarted(int index);

    /** The item at this index is done. */
    void itemSucceeded(int index);

    /** The item at this index could not be done; the reason goes to the job log. */
    void itemFailed(int index, String reason);

    /** The company the job belongs to. */
    String companyHandle();

    /** The job's name. */
    String jobName();

    /**
     * How far the item at this index has come, with a message a person reads in the task progress
     * ("1.2 MB of 3.4 MB"). Cheap to call often: it reaches the run's record at most a few times a second.
     */
    void itemProgress(int index, double fraction, String message);

    /**
     * The item at this index is done and the log line says how.
     *
     * @param assetHandle the asset it made or worked on, or null
     */
    void itemSucceeded(int index, String assetHandle, LogMessage message);

    /** The item at this index is done, with a warning (it counts as a warning, not a success or failure). */
    void itemWarning(int index, String assetHandle, LogMessage message);

    /** The item at this index failed; the message, from the catalog, says why. */
    void itemFailed(int index, LogMessage message);

    /** The job's handle (its wire form). */
    String jobHandle();

    /**
     * Adds an item the run learned of while running (a file posted to an UploadFile job) and returns
     * its index.
     */
    int addItem(String name);

    /**
     * Waits, in the WaitingClient state, until {@code arrived} turns true, the deadline passes on the
     * service clock, or a stop is requested; the run is Running again afterwards.
     *
     * @return whether something arrived
     */
    boolean waitForClient(java.time.Instant deadline, java.util.function.BooleanSupplier arrived)
            throws InterruptedException;

    /** A line about the job as a whole, of the job type's warning log type. */
    void jobWarning(LogMessage message);

    /** A line about the job as a whole, of the job type's success log type (what it produced, say). */
    void jobSuccess(LogMessage message);
}
