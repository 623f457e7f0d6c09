package org.ipsjobs.jobs.api;

import java.time.Instant;

/**
 * What getJobLogs asks for; null fields do not filter.
 *
 * @param companyHandle only this company's logs (else every company the caller may see)
 * @param userHandle only logs of jobs this user submitted
 * @param startDate only runs that started at or after this time
 * @param endDate only runs that ended at or before this time
 * @param sortBy the sort field
 * @param direction the sort direction
 * @param numRows at most this many logs, or null for the server's maximum
 */
public record JobLogQuery(String companyHandle, String userHandle, Instant startDate, Instant endDate,
        JobLogSortField sortBy, SortDirection direction, Integer numRows) {
}
