package dev.gatewaydoctor.fleet;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What an instance did, and Kafka Streams' own metrics (consumer lag among them), in Prometheus' text format for
 * {@code metrics.address} (docs/fleet.md, "Metrics"). The counts are this instance's since it started; a tick that
 * runs again after its transaction was aborted counts its diagnoses again.
 */
public final class FleetMetrics {

    final LongAdder lines = new LongAdder();
    final LongAdder changes = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder onsets = new LongAdder();
    final LongAdder updates = new LongAdder();
    final LongAdder closed = new LongAdder();

    /** The instance's state for the text: Kafka Streams' state's name, and whether it serves (running or rebalancing). */
    public record State(String name, boolean serving) {
    }

    /** The text of /metrics: the instance's counts, its state, then every numeric metric Kafka reports. */
    String prometheus(Map<MetricName, ? extends Metric> kafka, State state) {
        var sb = new StringBuilder();
        counter(sb, "gatewaydoctor_fleet_lines_total", "log lines read from the logs topic (dead letters apart)", lines.sum());
        counter(sb, "gatewaydoctor_fleet_changes_total", "changes read from the events topic (dead letters apart)", changes.sum());
        counter(sb, "gatewaydoctor_fleet_dead_letters_total", "records written to the dead-letter topic", deadLetters.sum());
        sb.append("# HELP gatewaydoctor_fleet_diagnoses_total diagnoses written, when an incident opened or while it lasted\n")
                .append("# TYPE gatewaydoctor_fleet_diagnoses_total counter\n")
                .append("gatewaydoctor_fleet_diagnoses_total{reason=\"onset\"} ").append(onsets.sum()).append('\n')
                .append("gatewaydoctor_fleet_diagnoses_total{reason=\"update\"} ").append(updates.sum()).append('\n');
        counter(sb, "gatewaydoctor_fleet_incidents_closed_total", "incidents closed", closed.sum());
        sb.append("# HELP gatewaydoctor_fleet_up 1 while Kafka Streams runs or rebalances, with its state\n")
                .append("# TYPE gatewaydoctor_fleet_up gauge\n")
                .append("gatewaydoctor_fleet_up{state=\"").append(escape(state.name())).append("\"} ").append(state.serving() ? 1 : 0).append('\n');
        // Kafka's metrics as they are, a family per group and name: records-lag-max and records-lag (per partition)
        // say how far behind the logs an instance reads.
        var families = new TreeMap<String, TreeMap<String, Double>>();
        kafka.forEach((name, metric) -> {
            if (!(metric.metricValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) return;
            var labels = new StringBuilder();
            new TreeMap<>(name.tags()).forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ",").append(identifier(k))
                    .append("=\"").append(escape(v)).append('"'));
            families.computeIfAbsent("kafka_" + identifier(name.group()) + "_" + identifier(name.name()), k -> new TreeMap<>())
                    .put(labels.toString(), n.doubleValue());
        });
        families.forEach((family, series) -> {
            sb.append("# TYPE ").append(family).append(" untyped\n");
            series.forEach((labels, value) -> sb.append(family).append(labels.isEmpty() ? "" : "{" + labels + "}").append(' ')
                    .append(value).append('\n'));
        });
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }

    /** A Prometheus name: letters, digits and underscores, not starting with a digit. */
    static String identifier(String s) {
        String id = s.replaceAll("[^a-zA-Z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "_" + id : id;
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * Serves /metrics and /healthz (200 while Kafka Streams runs or rebalances, else 503) on the address; the JDK's own
     * server, as two plain endpoints need no framework in this artifact.
     */
    HttpServer serve(InetSocketAddress address, Supplier<Map<MetricName, ? extends Metric>> kafka, Supplier<State> state) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        server.createContext("/metrics", x -> answer(x, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus(kafka.get(), state.get())));
        server.createContext("/healthz", x -> {
            State s = state.get();
            answer(x, s.serving() ? 200 : 503, "text/plain; charset=utf-8", s.name() + "\n");
        });
        server.createContext("/", x -> answer(x, 404, "text/plain; charset=utf-8", "not found: the endpoints are /metrics and /healthz\n"));
        server.start();
        return server;
    }

    private static void answer(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            if (!head) out.write(bytes);
        }
    }
}
