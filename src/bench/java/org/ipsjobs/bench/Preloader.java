package org.ipsjobs.bench;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.User;
import org.ipsjobs.ipsapi.ImageServingPublishJob;
import org.ipsjobs.jobs.JobCoordinator;
import org.ipsjobs.jobs.JobDetail;
import org.ipsjobs.jobs.JobRequest;
import org.ipsjobs.jobs.JobType;

/**
 * Fills the store of a running server through the job service, in process rather than over SOAP:
 * submitting a million jobs over HTTP would take longer than the whole benchmark. Each job is built
 * as the SOAP layer would build it (its own payload object and strings), so the heap it costs is
 * what a submitted job costs. Jobs are named {@code job-1}, {@code job-2}, ... within their company,
 * so their handles are {@code <company>|job-<n>|}. With the benchmark's pace of zero every job runs
 * to Done at once and leaves its log.
 */
final class Preloader {

    private final JobCoordinator jobs;
    private final Caller caller;
    private final ConcurrentMap<String, AtomicInteger> submitted = new ConcurrentHashMap<>();

    Preloader(JobCoordinator jobs, User user) {
        this.jobs = jobs;
        this.caller = new Caller(user, null, "bench-preload", "1");
    }

    /** Submits jobs to the company until it has {@code total} of them, then waits until all are done. */
    synchronized void growTo(String company, int total) throws InterruptedException {
        AtomicInteger count = submitted.computeIfAbsent(company, c -> new AtomicInteger());
        long logsBefore = jobs.counts().get("logs");
        int added = 0;
        while (count.get() < total) {
            int n = count.incrementAndGet();
            jobs.submit(caller, request(company, "job-" + n));
            added++;
            if (added % 20_000 == 0) {
                awaitLogs(logsBefore + added - 20_000); // keep the worker queue short
            }
        }
        awaitLogs(logsBefore + added);
    }

    private void awaitLogs(long expected) throws InterruptedException {
        while (jobs.counts().get("logs") < expected) {
            Thread.sleep(5);
        }
    }

    private static JobRequest request(String company, String name) {
        ImageServingPublishJob payload = new ImageServingPublishJob();
        // fresh strings, as the XML parser would hand them over
        payload.setPublishType(new String("Full"));
        payload.setEmailSetting(new String("Error"));
        JobDetail detail = new JobDetail(JobType.IMAGE_SERVING_PUBLISH, payload.getPublishType(), payload, List.of());
        return new JobRequest(new String(company), null, name, null, null, null, null, List.of(detail));
    }
}
