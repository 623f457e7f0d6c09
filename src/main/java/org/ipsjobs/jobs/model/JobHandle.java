package org.ipsjobs.jobs.model;

import java.util.Objects;

/**
 * Identifies a submitted job, in the form the real IPS issues: {@code j|<company id>|<name>||} (the
 * recorded {@code j|110|katlyn||}). The company id is the company handle without a leading
 * {@code c|} ({@code c|110} gives {@code 110}). Names are unique among the jobs a company holds, so
 * the handle is too. Handles are looked up by their wire form, never parsed back.
 *
 * @param companyHandle the company the job belongs to
 * @param name the job's name
 * @param value the handle as clients see it
 */
public record JobHandle(String companyHandle, String name, String value) {

    public JobHandle {
        Objects.requireNonNull(companyHandle, "companyHandle");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The handle of the company's job with this name. */
    public static JobHandle of(String companyHandle, String name) {
        return new JobHandle(companyHandle, name, "j|" + companyId(companyHandle) + "|" + name + "||");
    }

    /** The id job and run handles carry for a company: its handle without a leading {@code c|}. */
    public static String companyId(String companyHandle) {
        return companyHandle.startsWith("c|") ? companyHandle.substring(2) : companyHandle;
    }

    @Override
    public String toString() {
        return value;
    }
}
