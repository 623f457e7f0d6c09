package org.ipsjobs.jobs;

import java.util.Objects;

/**
 * Identifies one job. Its wire form is {@code <companyHandle>|<name>|}, as IPS writes job handles
 * (the documented example is {@code 47|My Test Job|}). Names are unique within a company, so the
 * handle is too. Handles are looked up by their wire form and never parsed back, since a company
 * handle or a name may itself contain a bar. Immutable; the wire form is built once, so every index
 * of the store shares one string per job.
 */
public final class JobHandle {

    private final String companyHandle;
    private final String name;
    private final String value;

    /**
     * @param companyHandle the company the job belongs to
     * @param name the job's unique name within that company
     */
    public JobHandle(String companyHandle, String name) {
        this.companyHandle = Objects.requireNonNull(companyHandle, "companyHandle");
        this.name = Objects.requireNonNull(name, "name");
        this.value = companyHandle + "|" + name + "|";
    }

    /** The company the job belongs to. */
    public String companyHandle() {
        return companyHandle;
    }

    /** The job's unique name within its company. */
    public String name() {
        return name;
    }

    /** The handle as clients see it. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobHandle h && companyHandle.equals(h.companyHandle) && name.equals(h.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(companyHandle, name);
    }

    @Override
    public String toString() {
        return value;
    }
}
