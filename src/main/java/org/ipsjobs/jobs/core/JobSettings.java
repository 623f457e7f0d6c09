package org.ipsjobs.jobs.core;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the job service behaves; fixed at start-up.
 *
 * @param serverName reported as ActiveJob/serverName
 * @param zone the server's time zone: schedules are evaluated in it
 * @param workers how many jobs run at once
 * @param pace how long the simulated runner spends on one item
 * @param defaultItemCount items a job works through when its detail names none
 * @param doneLinger how long a finished job stays visible in getActiveJobs
 * @param maxJobNameLength longest job name accepted
 * @param maxWorkItems most work items one job may carry
 * @param maxLogRows most job logs one getJobLogs answer may hold (also the default for numRows)
 */
public record JobSettings(String serverName, ZoneId zone, int workers, Duration pace, int defaultItemCount,
        Duration doneLinger, int maxJobNameLength, int maxWorkItems, int maxLogRows) {

    public JobSettings {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(doneLinger, "doneLinger");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (defaultItemCount < 1) {
            throw new IllegalArgumentException("defaultItemCount must be at least 1");
        }
        if (pace.isNegative() || doneLinger.isNegative()) {
            throw new IllegalArgumentException("pace and doneLinger must not be negative");
        }
    }

    /** Settings for a server answering as {@code serverName}, with the documented defaults. */
    public static JobSettings defaults(String serverName) {
        return new JobSettings(serverName, ZoneId.systemDefault(), 4, Duration.ofMillis(500), 5,
                Duration.ofMinutes(10), 512, 1000, 1000);
    }
}
