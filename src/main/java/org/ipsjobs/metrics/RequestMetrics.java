package org.ipsjobs.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Counts and times the API's requests by entry point, API version, operation and outcome, as
 * {@code ips_requests_seconds} (a histogram with fixed buckets). Every label value comes from a short,
 * fixed list (entry points, the contract's operations and versions, IPS fault codes), so a client
 * cannot grow the number of series by what it sends: anything else is counted as {@code unknown}.
 */
public final class RequestMetrics {

    /** Requests over SOAP 1.1. */
    public static final String SOAP_11 = "soap11";
    /** Requests over SOAP 1.2. */
    public static final String SOAP_12 = "soap12";
    /** Requests to the plain-XML API. */
    public static final String PLAIN_XML = "plain_xml";
    /** POSTs to the UploadFile servlet. */
    public static final String UPLOAD_FILE = "upload_file";
    /** The outcome of a request answered without a fault. */
    public static final String OK = "ok";
    /** A label value that was not told, or not one of the known ones. */
    public static final String UNKNOWN = "unknown";

    /** Bucket bounds of the latency histogram: from a fast lookup to a slow upload. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** The most series this meter may make; far above what the known label values allow. */
    static final int MAX_SERIES = 5_000;

    private record Key(String entryPoint, String apiVersion, String operation, String outcome) {
    }

    private final MeterRegistry registry;
    private final LabelValues known;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Counter itemsKept;
    private final Counter itemsMarshalled;

    /**
     * @param known the values the labels may take; others are counted as {@code unknown}
     */
    public RequestMetrics(MeterRegistry registry, LabelValues known) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.known = Objects.requireNonNull(known, "known");
        this.itemsKept = answerItems("kept");
        this.itemsMarshalled = answerItems("marshalled");
    }

    private Counter answerItems(String source) {
        return Counter.builder("ips.answer.items")
                .description("Items of getActiveJobs and getJobLogs answers, by whether their written form was"
                        + " kept from an earlier answer or marshalled for this one")
                .tag("source", source).register(registry);
    }

    /** Counts the items of one answer written from kept bytes and those marshalled for it. */
    public void answerItems(int kept, int marshalled) {
        itemsKept.increment(kept);
        itemsMarshalled.increment(marshalled);
    }

    /** Metrics that go nowhere (the benchmark floor and tests that do not look). */
    public static RequestMetrics none() {
        return new RequestMetrics(new SimpleMeterRegistry(), LabelValues.NONE);
    }

    /**
     * Counts one answered request.
     *
     * @param entryPoint one of the constants above
     * @param apiVersion the version of the request's namespace (such as {@code 2012-02-14}), or null
     * @param operation the IPS operation, or null when none could be told
     * @param faultCode the IPS fault code of the answer, or 0 when it was no fault
     * @param nanos time from arrival to answer
     */
    public void record(String entryPoint, String apiVersion, String operation, int faultCode, long nanos) {
        Key key = new Key(known.entryPoint(entryPoint), known.apiVersion(apiVersion), known.operation(operation),
                faultCode == 0 ? OK : known.faultCode(faultCode));
        Timer timer = timers.get(key);
        if (timer == null) {
            if (timers.size() >= MAX_SERIES) {
                key = new Key(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
            }
            timer = timers.computeIfAbsent(key, this::timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("ips.requests")
                .description("API requests answered, by entry point, API version, operation and outcome"
                        + " (ok, or the IPS fault code)")
                .tag("entry_point", key.entryPoint())
                .tag("api_version", key.apiVersion())
                .tag("operation", key.operation())
                .tag("outcome", key.outcome())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
