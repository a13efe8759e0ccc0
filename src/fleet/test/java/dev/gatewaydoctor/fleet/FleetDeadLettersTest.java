package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatewaydoctor.fleet.SiteLogs.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Records that cannot be read go to the dead-letter topic with the reason, and the application goes on. */
class FleetDeadLettersTest {

    private static Diagnoser doctor;

    @BeforeAll
    static void rules() {
        doctor = FleetDriver.bundledRules();
    }

    private static final Instant T = at("2024-03-01T12:00:00Z");

    @Test
    void badRecordsAreDeadLettersWithTheirReasonAndGoodOnesAroundThemStillCount(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            // Before the site's lines, so that those are not late behind them.
            Instant EARLY = T.minusSeconds(1300);
            fleet.logs.pipeInput("shop-9", "{\"site\": \"shop-9\", \"source\": \"nginx-error\", \"line\": ", EARLY);
            fleet.logs.pipeInput("shop-9", SiteLogs.json("shop-9", "nginx-errorlog", "2024/03/01 12:00:01 [error] 7#7: *1 upstream timed out"), EARLY);
            fleet.logs.pipeInput("shop-9", "{\"site\": \"shop-9\", \"source\": \"nginx-error\"}", EARLY);
            fleet.logs.pipeInput("shop-9", "{\"site\": \"shop-9\", \"source\": \"php-fpm\", \"line\": \"x\", \"at\": \"yesterday\"}", EARLY);
            fleet.logs.pipeInput("blog-1", SiteLogs.json("shop-9", "php-fpm", "[01-Mar-2024 11:38:20] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it"), EARLY);
            fleet.logs.pipeInput("shop-9", SiteLogs.json("shop-9", "php-fpm", "abc\u0000def"), EARLY);
            fleet.logs.pipeInput("shop-9", "{\"site\": \"shop-9\", \"source\": \"php-fpm\", \"line\": \"x\", \"timezone\": \"Europe/Paname\"}", EARLY);
            fleet.events.pipeInput("shop-9", "{\"site\": \"shop-9\", \"kind\": \"plugin-updated\"}", EARLY);
            fleet.events.pipeInput("shop-9", "not json at all", EARLY);

            List<JsonNode> dead = fleet.deadLetters();
            assertThat(dead).extracting(d -> d.get("reason").asText()).satisfiesExactly(
                    r -> assertThat(r).startsWith("not JSON, and no headers site and source for a raw line: Unexpected end-of-input"),
                    r -> assertThat(r).startsWith("source: unknown source \"nginx-errorlog\"; expected one of [apache-access, apache-error,"),
                    r -> assertThat(r).isEqualTo("line: missing, or not text"),
                    r -> assertThat(r).isEqualTo("at: not an ISO-8601 time with a zone: yesterday"),
                    r -> assertThat(r).startsWith("the record's key \"blog-1\" is not its site \"shop-9\": records are keyed by site id"),
                    r -> assertThat(r).isEqualTo("line: no log text (binary)"),
                    r -> assertThat(r).isEqualTo("timezone: not a time zone: Europe/Paname (e.g. Europe/Berlin, UTC, +02:00)"),
                    r -> assertThat(r).isEqualTo("at: missing (when the change was made)"),
                    r -> assertThat(r).startsWith("not JSON: Unrecognized token 'not'"));
            assertThat(dead).allSatisfy(d -> assertThat(d.get("reason").asText()).doesNotContain("Exception").doesNotContain("\tat "));
            // Each names where it came from, and keeps the value for whoever mends the shipper.
            assertThat(dead.get(0).get("topic").asText()).isEqualTo("gatewaydoctor.logs");
            assertThat(dead.get(0).get("offset").asLong()).isZero();
            assertThat(dead.get(0).get("key").asText()).isEqualTo("shop-9");
            assertThat(dead.get(0).get("value").asText()).startsWith("{\"site\": \"shop-9\"");
            assertThat(dead.get(0).has("site")).isFalse(); // not even the site could be read
            assertThat(dead.get(1).get("site").asText()).isEqualTo("shop-9");
            assertThat(dead.get(8).get("topic").asText()).isEqualTo("gatewaydoctor.events");
            assertThat(dead.get(8).get("offset").asLong()).isEqualTo(1);

            // The application went on: a failing site after them still opens its incident.
            var lines = new ArrayList<SiteLogs.Rec>(SiteLogs.healthy("shop-9", T.minusSeconds(1200), T.plusSeconds(60), 6));
            lines.addAll(SiteLogs.poolExhausted("shop-9", T.plusSeconds(60), T.plusSeconds(240), 3));
            lines.sort(java.util.Comparator.comparing(SiteLogs.Rec::at));
            fleet.pipe(lines);
            assertThat(fleet.diagnoses()).extracting(d -> d.get("incidentId").asText()).containsExactly("shop-9@2024-03-01T12:01:00Z");
        }
    }

    @Test
    void aRawLineWithTheSiteAndSourceInHeadersIsReadAsAJsonRecordIs(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of("next-checks", "true"))) {
            Instant from = T.minusSeconds(1200);
            for (var r : SiteLogs.healthy("shop-5", from, T, 6)) fleet.logs.pipeInput(r.key(), r.value(), r.at());
            // Fluent Bit's raw lines: the site and source in headers, the line as the value, with its line end.
            for (var r : SiteLogs.poolExhausted("shop-5", T, T.plusSeconds(150), 3)) {
                String line = SiteLogs.JSON_READER.readTree(r.value()).get("line").asText();
                String source = SiteLogs.JSON_READER.readTree(r.value()).get("source").asText();
                fleet.pipeRaw("shop-5", "shop-5", source, line + "\n", r.at());
            }
            fleet.pipeRaw("shop-5", null, "nginx-error", "2024/03/01 12:02:31 [error] 7#7: *9 no live upstreams while connecting to upstream", T.plusSeconds(151));
            fleet.pipeRaw("shop-5", "shop-5", null, "2024/03/01 12:02:32 [error] 7#7: *9 no live upstreams while connecting to upstream", T.plusSeconds(152));

            assertThat(fleet.diagnoses()).singleElement().satisfies(d -> {
                assertThat(d.get("incidentId").asText()).isEqualTo("shop-5@2024-03-01T12:00:00Z");
                assertThat(d.at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
                assertThat(d.get("nextChecks")).isNotEmpty();
            });
            assertThat(fleet.deadLetters()).extracting(d -> d.get("reason").asText()).containsExactly(
                    "a raw line needs the header site (and source)",
                    "not JSON, and no headers site and source for a raw line: Unexpected character ('/' (code 47)): "
                            + "Expected space separating root-level values");
        }
    }
}
