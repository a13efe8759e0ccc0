package dev.gatewaydoctor.service;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RulesReload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What /metrics shows, in the Prometheus text format: requests, diagnoses by basis, answers, outcomes, reloads, the JVM. */
final class ServiceMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Held here: a gauge keeps only a weak reference to what it measures, and a lambda nobody else holds would vanish. */
    private final Supplier<Number> stored;

    ServiceMetrics(Supplier<Number> stored) {
        this.stored = stored;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        registry.gauge("gatewaydoctor.diagnoses.stored", java.util.List.of(), this.stored, s -> s.get().doubleValue());
    }

    void request(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests").tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void diagnosed(Diagnosis d) {
        Counter.builder("gatewaydoctor.diagnoses").description("diagnoses made, by what their ranking rests on")
                .tag("basis", d.basis().name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    void answered() {
        registry.counter("gatewaydoctor.answers").increment();
    }

    void outcome() {
        registry.counter("gatewaydoctor.outcomes").increment();
    }

    void reloaded(RulesReload reload) {
        registry.counter("gatewaydoctor.rules.reloads", "applied", Boolean.toString(reload.applied())).increment();
    }

    String scrape() {
        return registry.scrape();
    }
}
