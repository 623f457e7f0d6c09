package org.ipsjobs.jobs.model;

/** The Active Job States of the IPS API, as reported in ActiveJob/state. */
public enum JobState {
    /** Created, not yet handed to the coordinator. */
    NEW("New"),
    /** An upload job waiting for the client to send more files. */
    WAITING_CLIENT("WaitingClient"),
    /** Queued for a free worker (or held there by pauseJob). */
    WAITING_COORDINATOR("WaitingCoordinator"),
    RUNNING("Running"),
    /** Asked to stop; the runner is winding down. */
    STOPPING("Stopping"),
    /** Finished, stopped or failed; its log is written. */
    DONE("Done");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    /** The constant as IPS spells it on the wire. */
    public String wireName() {
        return wireName;
    }
}
