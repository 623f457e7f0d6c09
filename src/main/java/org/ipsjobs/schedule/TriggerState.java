package org.ipsjobs.schedule;

/** The Job Trigger States of the IPS API, as reported in ScheduledJob/triggerState. */
public enum TriggerState {
    NORMAL("Normal"),
    PAUSED("Paused"),
    COMPLETE("Complete"),
    ERROR("Error"),
    BLOCKED("Blocked"),
    NONE("None");

    private final String wireName;

    TriggerState(String wireName) {
        this.wireName = wireName;
    }

    /** The constant as IPS spells it on the wire. */
    public String wireName() {
        return wireName;
    }
}
