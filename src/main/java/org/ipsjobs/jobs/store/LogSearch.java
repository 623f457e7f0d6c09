package org.ipsjobs.jobs.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.ipsjobs.jobs.api.JobLogSortField;
import org.ipsjobs.jobs.api.SortDirection;

/**
 * A search for job logs, as a store answers it: filter, order, limit. Null filters do not filter.
 *
 * @param companies only logs of these companies
 * @param handle only logs of the job or run with this handle
 * @param originalName only logs of jobs submitted under this name
 * @param submitUserEmail only logs of jobs this user submitted (compared without case)
 * @param startedFrom only runs that started at or after this instant
 * @param endedBy only runs that ended at or before this instant
 * @param sortBy the order
 * @param direction its direction; ties are broken by the log id in the same direction
 * @param limit at most this many logs
 */
public record LogSearch(Collection<String> companies, String handle, String originalName, String submitUserEmail,
        Instant startedFrom, Instant endedBy, JobLogSortField sortBy, SortDirection direction, int limit) {

    public LogSearch {
        companies = List.copyOf(companies);
        Objects.requireNonNull(sortBy, "sortBy");
        Objects.requireNonNull(direction, "direction");
    }
}
