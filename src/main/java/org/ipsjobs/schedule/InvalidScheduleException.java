package org.ipsjobs.schedule;

/** A schedule string that is neither the IPS notation nor a valid Quartz cron expression. */
public class InvalidScheduleException extends IllegalArgumentException {
    public InvalidScheduleException(String message) {
        super(message);
    }
}
