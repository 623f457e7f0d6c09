package org.ipsjobs.auth;

import java.util.Objects;

/**
 * A company (tenant): every job, schedule and log belongs to exactly one.
 *
 * @param handle the company handle clients pass as companyHandle
 * @param name the company's display name
 */
public record Company(String handle, String name) {
    public Company {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(name, "name");
    }
}
