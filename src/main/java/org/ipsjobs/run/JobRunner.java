package org.ipsjobs.run;

/**
 * Does the work of one kind of job. A runner is shared by all runs of its kind and called on a
 * worker thread, once per run; it reports through the {@link RunContext} and returns when the items
 * are done or a stop is requested. An exception thrown out of it ends the run with a fatal error.
 */
@FunctionalInterface
public interface JobRunner {

    void run(RunContext context) throws InterruptedException;

    /**
     * True for a runner that learns its items while it runs (the files of a folder, the assets a
     * publish selects, the files of POSTs) and adds them with {@link RunContext#addItem}; its runs start
     * with none.
     */
    default boolean findsItsOwnItems() {
        return false;
    }
}
