package org.ipsjobs.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's meters in one Prometheus registry: requests, runs, logins and schedules as they
 * happen, the JVM's memory, collections, threads and CPU, and whatever else the wiring binds (the
 * store's gauges, the requests of the entry points, Jetty's thread pool and connections). {@link #scrape} renders them in the Prometheus
 * text format.
 */
public final class ServiceMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final RunMetrics runs;
    private final LoginMetrics logins;

    public ServiceMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.runs = new RunMetrics(registry);
        this.logins = new LoginMetrics(registry);
    }

    /** The registry, for binding more meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public RunMetrics runs() {
        return runs;
    }

    public LoginMetrics logins() {
        return logins;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
