package dev.gatewaydoctor.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.gatewaydoctor.fleet.SiteLogs.at;
import static org.assertj.core.api.Assertions.assertThat;

/** metrics.address: what an instance did, its state and Kafka's own metrics, over HTTP as Prometheus reads them. */
class FleetMetricsTest {

    private static final Instant T0 = at("2024-03-01T10:50:00Z");
    private static final Instant ONSET = at("2024-03-01T12:00:00Z");

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCountsTheStateAndKafkasMetricsAreServed(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(FleetDriver.bundledRules(), state, Map.of())) {
            var lines = new ArrayList<SiteLogs.Rec>();
            lines.addAll(SiteLogs.healthy("shop-1", T0, ONSET, 6));
            lines.addAll(SiteLogs.poolExhausted("shop-1", ONSET, ONSET.plusSeconds(1200), 2));
            lines.addAll(SiteLogs.healthy("shop-1", ONSET.plusSeconds(1200), ONSET.plusSeconds(3600), 6));
            fleet.events.pipeInput("shop-1", "{\"site\": \"shop-1\", \"kind\": \"plugin-updated\", \"subject\": \"woocommerce\", \"at\": \"2024-03-01T11:40:00Z\"}", T0);
            fleet.logs.pipeInput("shop-1", "not a record", T0);
            fleet.pipe(lines);
            assertThat(fleet.diagnoses()).hasSize(3);

            var serving = new AtomicReference<>(new FleetMetrics.State("RUNNING", true));
            var server = fleet.metrics.serve(new InetSocketAddress("127.0.0.1", 0), fleet.driver::metrics, serving::get);
            try {
                int port = server.getAddress().getPort();
                var client = HttpClient.newHttpClient();
                var metrics = get(client, port, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
                assertThat(metrics.body())
                        .contains("gatewaydoctor_fleet_lines_total " + lines.size() + "\n")
                        .contains("gatewaydoctor_fleet_changes_total 1\n")
                        .contains("gatewaydoctor_fleet_dead_letters_total 1\n")
                        .contains("gatewaydoctor_fleet_diagnoses_total{reason=\"onset\"} 1\n")
                        .contains("gatewaydoctor_fleet_diagnoses_total{reason=\"update\"} 1\n")
                        .contains("gatewaydoctor_fleet_incidents_closed_total 1\n")
                        .contains("gatewaydoctor_fleet_up{state=\"RUNNING\"} 1\n")
                        .containsPattern("(?m)^kafka_stream_task_metrics_process_total\\{[^}]*task_id=\"0_0\"[^}]*\\} [0-9.E]+$");
                // Every sample line is a name, optional labels and a number: what Prometheus' parser accepts.
                assertThat(metrics.body().lines().filter(l -> !l.startsWith("#")))
                        .allMatch(l -> l.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*\\})? -?[0-9.E-]+"));

                assertThat(get(client, port, "/healthz").statusCode()).isEqualTo(200);
                serving.set(new FleetMetrics.State("PENDING_ERROR", false));
                var down = get(client, port, "/healthz");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).isEqualTo("PENDING_ERROR\n");
                assertThat(get(client, port, "/metrics").body()).contains("gatewaydoctor_fleet_up{state=\"PENDING_ERROR\"} 0\n");
                assertThat(get(client, port, "/nope").statusCode()).isEqualTo(404);
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void namesAreMadePrometheusIdentifiers() {
        assertThat(FleetMetrics.identifier("stream-task-metrics")).isEqualTo("stream_task_metrics");
        assertThat(FleetMetrics.identifier("99th.percentile")).isEqualTo("_99th_percentile");
    }
}
