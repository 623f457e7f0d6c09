package org.ipsjobs.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A company (tenant): every job, schedule and log belongs to exactly one.
 *
 * @param handle the company handle clients pass as companyHandle
 * @param name the company's display name
 * @param rootPath the company's root folder, as IPS reports it ({@code Name/})
 * @param expires when the company's account expires, or null for never
 */
public record Company(String handle, String name, String rootPath, Instant expires) {
    public Company {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rootPath, "rootPath");
    }

    /** A company whose root folder is named after it and which never expires. */
    public Company(String handle, String name) {
        this(handle, name, name + "/", null);
    }
}
