package org.ipsjobs.jobs.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies one run (instance) of a job, in the form the real IPS issues:
 * {@code j|<company id>||<instance name>|<run id>}, where the instance name is the job's name and the
 * moment the run was triggered ({@code j|110||upload_2011-03-30-14:32:08.834|5129821}).
 *
 * <p>The wire form is not kept: it is written again when asked for, from the job's handle, the trigger
 * time and the zone, since a service holds a million of these and every part of the text is held
 * elsewhere already. Code that uses one run's handle many times keeps the text itself.
 *
 * @param job the job this is a run of
 * @param runId unique among all runs, increasing
 * @param triggered when the run was triggered
 * @param zone the zone the trigger time is written in
 */
public record RunHandle(JobHandle job, long runId, Instant triggered, ZoneId zone) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd-HH:mm:ss.SSS");
    /** An underscore and the trigger time, as STAMP writes it: what follows the job's name. */
    private static final int STAMP_SUFFIX = "_0000-00-00-00:00:00.000".length();

    public RunHandle {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(triggered, "triggered");
        Objects.requireNonNull(zone, "zone");
    }

    /** The handle of run {@code runId} of the job, triggered at the instant (written in the zone). */
    public static RunHandle of(JobHandle job, long runId, Instant triggered, ZoneId zone) {
        return new RunHandle(job, runId, triggered, zone);
    }

    /** The handle as clients see it. */
    public String value() {
        StringBuilder value = new StringBuilder(job.value().length() + 48).append("j|")
                .append(JobHandle.companyId(job.companyHandle())).append("||");
        appendInstanceName(value);
        return value.append('|').append(runId).toString();
    }

    /** The run's name: the job's name, an underscore and the trigger time. */
    public String instanceName() {
        return appendInstanceName(new StringBuilder(job.value().length() + 24)).toString();
    }

    private StringBuilder appendInstanceName(StringBuilder out) {
        job.appendName(out).append('_');
        appendStamp(out, triggered, zone);
        return out;
    }

    /** The run id a run handle's text ends with, or -1 when the text does not end with one. */
    public static long runIdOf(String runHandle) {
        int bar = runHandle == null ? -1 : runHandle.lastIndexOf('|');
        if (bar < 0 || bar == runHandle.length() - 1 || runHandle.length() - bar > 19) {
            return -1;
        }
        long id = 0;
        for (int i = bar + 1; i < runHandle.length(); i++) {
            char c = runHandle.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /**
     * Writes the instant as STAMP would. By hand, because every submitted job mints a handle and the
     * formatter was a visible share of submitJob's time; the formatter still covers years of other
     * widths.
     */
    static void appendStamp(StringBuilder out, Instant instant, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, zone);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            out.append(STAMP.format(t));
            return;
        }
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('-');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, t.getNano() / 1_000_000, 3);
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }


    /**
     * The wire form of the job handle a run handle belongs to, read from the run handle's own form;
     * empty when the text is not a run handle. Lets a store find a run through its job. The job's name
     * ends at the last underscore, since the trigger time after it never holds one (whatever the year's
     * width); the company id ends at the first {@code ||}, which a company id never holds.
     */
    public static Optional<String> jobHandleOf(String runHandle) {
        if (runHandle == null || !runHandle.startsWith("j|")) {
            return Optional.empty();
        }
        int company = runHandle.indexOf("||", 2);
        int id = runHandle.lastIndexOf('|');
        if (company < 0 || id <= company + 2 || id == runHandle.length() - 1) {
            return Optional.empty();
        }
        int stamp = runHandle.lastIndexOf('_', id);
        if (stamp < company + 2 || id - stamp < STAMP_SUFFIX) {
            return Optional.empty();
        }
        for (int i = id + 1; i < runHandle.length(); i++) {
            if (!Character.isDigit(runHandle.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of("j|" + runHandle.substring(2, company) + "|" + runHandle.substring(company + 2, stamp) + "||");
    }

    @Override
    public String toString() {
        return value();
    }
}
