package org.ipsjobs.bench;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipsjobs.auth.Caller;
import org.ipsjobs.auth.User;
import org.ipsjobs.jobs.api.JobRequest;
import org.ipsjobs.jobs.api.JobService;
import org.ipsjobs.jobs.model.JobParameters;
import org.ipsjobs.jobs.model.Options;
import org.ipsjobs.jobs.store.JobStore;

/**
 * Fills the store of a running server through the job service (role checks and all), in process
 * rather than over SOAP: submitting a million jobs over HTTP would take longer than the whole
 * benchmark. Each job is built as the SOAP layer would build it (its own strings), so the heap it
 * costs is what a submitted job costs. Jobs are named {@code job-1}, {@code job-2}, ... within their
 * company, so their handles are {@code j|<company>|job-<n>||}. With the benchmark's pace of zero every
 * job runs to Done at once and leaves its log.
 */
final class Preloader {

    private final JobService jobs;
    private final JobStore store;
    private final Caller caller;
    private final ConcurrentMap<String, AtomicInteger> submitted = new ConcurrentHashMap<>();

    Preloader(JobService jobs, JobStore store, User user) {
        this.jobs = jobs;
        this.store = store;
        this.caller = new Caller(user, null, "bench-preload", "1");
    }

    /** Submits jobs to the company until it has {@code total} of them, then waits until all are done. */
    synchronized void growTo(String company, int total) throws InterruptedException {
        AtomicInteger count = submitted.computeIfAbsent(company, c -> new AtomicInteger());
        long logsBefore = store.counts().logs();
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
        while (store.counts().logs() < expected) {
            Thread.sleep(5);
        }
    }

    private static JobRequest request(String company, String name) {
        // fresh strings, as the XML parser would hand them over
        JobParameters parameters = new JobParameters.ImageServingPublish(new String("Full"),
                new Options(List.of(Options.Option.text("emailSetting", new String("Error")))));
        return new JobRequest(new String(company), null, name, null, null, null, null, List.of(parameters));
    }
}
