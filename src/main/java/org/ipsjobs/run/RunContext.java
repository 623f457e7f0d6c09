package org.ipsjobs.run;

import java.util.List;

import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.WorkItem;

/**
 * What a {@link JobRunner} sees of the run it executes: the job's parameters, the items to work
 * through, a way to report each item's outcome, and the stop signal. Reports update the run's
 * progress and its log as they arrive. Used by one runner thread at a time.
 */
public interface RunContext {

    /** What the job is to do. */
    JobParameters parameters();

    /** The items to work through, in order. Never empty. */
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
}
