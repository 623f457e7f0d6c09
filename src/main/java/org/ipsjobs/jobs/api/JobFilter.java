package org.ipsjobs.jobs.api;

/**
 * Narrows a listing of jobs; null fields do not filter.
 *
 * @param companyHandle only this company's jobs (else every company the caller may see)
 * @param jobHandle only this job
 * @param originalName only jobs submitted under this name
 * @param includeWaiting whether queued and held jobs are listed
 */
public record JobFilter(String companyHandle, String jobHandle, String originalName, boolean includeWaiting) {
}
