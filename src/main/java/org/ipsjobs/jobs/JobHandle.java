package org.ipsjobs.jobs;

import java.util.Objects;

/**
 * Identifies one job. Its wire form is {@code <companyHandle>|<name>|}, as IPS writes job handles
 * (the documented example is {@code 47|My Test Job|}). Names are unique within a company, so the
 * handle is too. Handles are looked up by their wire form and never parsed back, since a company
 * handle or a name may itself contain a bar.
 *
 * @param companyHandle the company the job belongs to
 * @param name the job's unique name within that company
 */
public record JobHandle(String companyHandle, String name) {

    public JobHandle {
        Objects.requireNonNull(companyHandle, "companyHandle");
        Objects.requireNonNull(name, "name");
    }

    /** The handle as clients see it. */
    public String value() {
        return companyHandle + "|" + name + "|";
    }

    @Override
    public String toString() {
        return value();
    }
}
