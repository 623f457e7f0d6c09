package org.ipsjobs.jobs.api;

import java.util.Set;

/**
 * What getJobLogDetails asks for.
 *
 * @param companyHandle the company the logs belong to
 * @param jobHandle only this job's logs, or null
 * @param originalName only logs of jobs submitted under this name, or null
 * @param logTypes only lines of these Job Log Types; empty for all
 * @param recordsPerPage lines per page, or null for the default
 * @param resultsPage the page to return, from 1, or null for the first
 * @param sortBy how lines are ordered
 * @param direction the sort direction
 */
public record LogDetailQuery(String companyHandle, String jobHandle, String originalName, Set<String> logTypes,
        Integer recordsPerPage, Integer resultsPage, DetailSortField sortBy, SortDirection direction) {
    public LogDetailQuery {
        logTypes = Set.copyOf(logTypes);
    }
}
