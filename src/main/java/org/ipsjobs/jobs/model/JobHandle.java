package org.ipsjobs.jobs.model;

import java.util.Objects;

/**
 * Identifies a submitted job, in the form the real IPS issues: {@code j|<company id>|<name>||} (the
 * recorded {@code j|110|katlyn||}). The company id is the company handle without a leading
 * {@code c|} ({@code c|110} gives {@code 110}). Names are unique among the jobs a company holds, so
 * the handle is too. A handle a client sends is looked up by its wire form, never parsed.
 *
 * <p>The name is not kept apart: it is read back from the wire form when asked for, since a service
 * holds a million of these.
 *
 * @param companyHandle the company the job belongs to
 * @param value the handle as clients see it
 */
public record JobHandle(String companyHandle, String value) {

    public JobHandle {
        Objects.requireNonNull(companyHandle, "companyHandle");
        Objects.requireNonNull(value, "value");
    }

    /** The handle of the company's job with this name. */
    public static JobHandle of(String companyHandle, String name) {
        Objects.requireNonNull(name, "name");
        return new JobHandle(companyHandle, "j|" + companyId(companyHandle) + "|" + name + "||");
    }

    /** The job's name: what stands between the company id and the closing {@code ||}. */
    public String name() {
        return value.substring(nameStart(), value.length() - 2);
    }

    /** Writes the job's name, without taking it out of the handle first. */
    StringBuilder appendName(StringBuilder out) {
        return out.append(value, nameStart(), value.length() - 2);
    }

    private int nameStart() {
        int idLength = companyHandle.startsWith("c|") ? companyHandle.length() - 2 : companyHandle.length();
        return 3 + idLength;
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
