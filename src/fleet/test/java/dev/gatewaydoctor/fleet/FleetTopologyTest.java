package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.gatewaydoctor.fleet.SiteLogs.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The topology on real lines: incidents open on a site's own baseline, are diagnosed, updated, closed and reopened. */
class FleetTopologyTest {

    private static Diagnoser doctor;

    @BeforeAll
    static void rules() {
        doctor = FleetDriver.bundledRules();
    }

    private static final Instant T0 = at("2024-03-01T10:50:00Z");
    private static final Instant ONSET = at("2024-03-01T12:00:00Z");

    /** An hour and ten minutes of ordinary traffic, then the pool is full for twenty minutes, then ordinary again. */
    private static List<SiteLogs.Rec> shopStory(String site) {
        var out = new ArrayList<SiteLogs.Rec>();
        out.addAll(SiteLogs.healthy(site, T0, ONSET, 6));
        out.addAll(SiteLogs.poolExhausted(site, ONSET, ONSET.plusSeconds(1200), 2));
        out.addAll(SiteLogs.healthy(site, ONSET.plusSeconds(1200), ONSET.plusSeconds(3600), 6));
        return out;
    }

    @Test
    void anIncidentOpensOnItsSitesFailuresIsDiagnosedWithTheCountsOfManyLinesAndClosesWhenTheSiteRecovers(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            var lines = new ArrayList<SiteLogs.Rec>(shopStory("shop-1"));
            // A quiet neighbour in the same partition: its noise opens nothing.
            lines.addAll(SiteLogs.healthy("blog-7", T0, ONSET.plusSeconds(3600), 5));
            lines.sort(java.util.Comparator.comparing(SiteLogs.Rec::at));
            fleet.pipe(lines);

            List<JsonNode> out = fleet.diagnoses();
            assertThat(fleet.deadLetters()).isEmpty();
            assertThat(out).allSatisfy(o -> assertThat(o.get("site").asText()).isEqualTo("shop-1"));
            JsonNode onset = out.get(0);
            assertThat(onset.get("type").asText()).isEqualTo("diagnosis");
            assertThat(onset.get("reason").asText()).isEqualTo("onset");
            assertThat(onset.get("incidentId").asText()).isEqualTo("shop-1@2024-03-01T12:00:00Z");
            assertThat(onset.get("sequence").asInt()).isZero();
            // Failures from 12:00: the tick at 12:01 sees a minute of them, 30, over the threshold (10) and a baseline of none.
            assertThat(onset.at("/window/to").asText()).isEqualTo("2024-03-01T12:01:00Z");
            assertThat(onset.get("rulesVersion").asText()).isEqualTo(doctor.rulesVersion()).isEqualTo(onset.at("/rules/version").asText());
            assertThat(onset.at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
            assertThat(onset.at("/fixes/0/id").asText()).isEqualTo("tune-php-fpm-pool");
            assertThat(onset.get("nextChecks")).isEmpty(); // next-checks=false here (FleetDeadLettersTest asks for them)
            // Visitors' addresses are redacted, as the service does.
            assertThat(onset.toString()).doesNotContain("198.51.100.").doesNotContain("203.0.113.");

            // Updates every 15 minutes while it lasts; closed 10 minutes after the last failure (12:20).
            assertThat(out).extracting(o -> o.get("type").asText() + " " + o.path("reason").asText() + " " + o.at("/window/to").asText()
                    + o.path("closedAt").asText()).containsExactly(
                    "diagnosis onset 2024-03-01T12:01:00Z",
                    "diagnosis update 2024-03-01T12:16:00Z",
                    "closed no gateway failure for PT10M 2024-03-01T12:30:00Z");
            JsonNode update = out.get(1);
            assertThat(update.get("incidentId").asText()).isEqualTo(onset.get("incidentId").asText());
            assertThat(update.get("sequence").asInt()).isEqualTo(1);
            // 480 refusals from 12:00 to 12:16, each line read once and counted into its kind: one fact, with the count.
            assertThat(evidenceFacts(update)).anySatisfy(f -> assertThat(f)
                    .contains("connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable)")
                    .contains("(and 479 more like it"));
            assertThat(update.get("failures").asLong()).isEqualTo(300); // the current window: 12:06 to 12:16, one every 2 s
            assertThat(out.get(2).get("sequence").asInt()).isEqualTo(2);
        }
    }

    // A fleet watches servers in several zones: a shop in Berlin logs nginx's and PHP-FPM's stamps in Berlin time,
    // and its shipper says so on each record; the fleet's own timezone stays UTC.
    @Test
    void aSiteWhoseRecordsNameTheirTimezoneIsReadInItsOwnTime(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            var lines = SiteLogs.inZone(shopStory("shop-berlin"), java.time.ZoneId.of("Europe/Berlin"));
            assertThat(lines).anySatisfy(r -> assertThat(r.value()).contains("2024/03/01 13:00:00 [error]").contains("\"timezone\":\"Europe/Berlin\""));
            fleet.pipe(lines);

            List<JsonNode> out = fleet.diagnoses();
            assertThat(fleet.deadLetters()).isEmpty();
            assertThat(out).extracting(o -> o.get("type").asText() + " " + o.path("reason").asText() + " " + o.at("/window/to").asText()
                    + o.path("closedAt").asText()).containsExactly(
                    "diagnosis onset 2024-03-01T12:01:00Z",
                    "diagnosis update 2024-03-01T12:16:00Z",
                    "closed no gateway failure for PT10M 2024-03-01T12:30:00Z");
            assertThat(out.get(0).at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
            // Read in Berlin time, the refusals fall where the failures are: all 480 of 12:00 to 12:16 count.
            assertThat(evidenceFacts(out.get(1))).anySatisfy(f -> assertThat(f).contains("(and 479 more like it"));
        }
    }

    @Test
    void linesOutOfOrderWithinTheGraceCountAndLaterOnesAreDeadLetters(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            var lines = new ArrayList<SiteLogs.Rec>(shopStory("shop-2"));
            // Shippers interleave logs read at different paces: the lines of each minute come in any order.
            var random = new Random(7);
            int from = 0;
            for (int i = 1; i <= lines.size(); i++) {
                if (i == lines.size() || lines.get(i).at().getEpochSecond() / 60 != lines.get(from).at().getEpochSecond() / 60) {
                    Collections.shuffle(lines.subList(from, i), random);
                    from = i;
                }
            }
            // Refusals of 12:03 held back by a slow shipper until 12:09, within the grace of 10 minutes: they still count.
            var held = lines.stream().filter(r -> r.value().contains("connect()") && r.at().getEpochSecond() / 60 == ONSET.getEpochSecond() / 60 + 3)
                    .limit(5).toList();
            lines.removeAll(held);
            int at909 = indexAt(lines, ONSET.plusSeconds(540));
            lines.addAll(at909, held);
            // A refusal of 12:10 that comes at 13:40, far behind the grace: a dead letter, not counted.
            lines.add(indexAt(lines, ONSET.plusSeconds(6000)), SiteLogs.poolRefused("shop-2", ONSET.plusSeconds(600), 1, 1));
            fleet.pipe(lines);

            List<JsonNode> out = fleet.diagnoses();
            assertThat(out).extracting(o -> o.get("type").asText() + " " + o.path("reason").asText())
                    .containsExactly("diagnosis onset", "diagnosis update", "closed no gateway failure for PT10M");
            assertThat(out.get(0).get("incidentId").asText()).isEqualTo("shop-2@2024-03-01T12:00:00Z");
            assertThat(out.get(0).at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
            // Every refusal from 12:00 to the update's tick was counted, whatever the order they came in.
            assertThat(evidenceFacts(out.get(1))).anySatisfy(f -> assertThat(f).contains("(and 479 more like it"));

            List<JsonNode> dead = fleet.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).get("reason").asText()).startsWith("late: written at 2024-03-01T12:10:00Z").contains("window.grace is PT10M");
            assertThat(dead.get(0).get("topic").asText()).isEqualTo("gatewaydoctor.logs");
            assertThat(dead.get(0).get("value").asText()).contains("connect() to unix:/run/php/php8.2-fpm.sock");
        }
    }

    @Test
    void anIncidentThatClosedReopensUnderANewIdAndChangesSentMeanwhileAreInItsFacts(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            var lines = new ArrayList<SiteLogs.Rec>(shopStory("shop-3"));
            Instant again = ONSET.plusSeconds(3600);
            lines.addAll(SiteLogs.poolExhausted("shop-3", again, again.plusSeconds(300), 2));
            lines.addAll(SiteLogs.healthy("shop-3", again.plusSeconds(300), again.plusSeconds(1500), 6));
            // The pool was resized at 12:40 (a config edit), which did not hold; the panel sends the change as it is made.
            int at1240 = indexAt(lines, at("2024-03-01T12:40:00Z"));
            fleet.pipe(lines.subList(0, at1240));
            fleet.event("shop-3", "config-edited", "php-fpm pool www: pm.max_children 5 -> 8", at("2024-03-01T12:40:00Z"));
            fleet.pipe(lines.subList(at1240, lines.size()));

            List<JsonNode> out = fleet.diagnoses();
            assertThat(out).extracting(o -> o.get("type").asText() + " " + o.get("incidentId").asText() + " " + o.get("sequence").asInt())
                    .containsExactly(
                            "diagnosis shop-3@2024-03-01T12:00:00Z 0",
                            "diagnosis shop-3@2024-03-01T12:00:00Z 1",
                            "closed shop-3@2024-03-01T12:00:00Z 2",
                            "diagnosis shop-3@2024-03-01T13:00:00Z 0",
                            "closed shop-3@2024-03-01T13:00:00Z 1");
            JsonNode reopened = out.get(3);
            assertThat(reopened.at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
            assertThat(reopened.get("incident").get("lastChange").asText()).contains("config-edited");
            assertThat(fleet.deadLetters()).isEmpty();
        }
    }

    @Test
    void aSiteThatAlwaysFailsSomeRequestsOpensOnlyWhenItFailsWellAboveItsOwnBaseline(@TempDir Path state) throws Exception {
        try (var fleet = new FleetDriver(doctor, state, Map.of())) {
            var lines = new ArrayList<SiteLogs.Rec>();
            // A flaky site: a 502 every 30 s all along (20 per 10-minute window: over the threshold of 10, but its usual),
            // then from 12:00 to 12:10 a burst of one every 2 s on top.
            Instant end = ONSET.plusSeconds(1800);
            lines.addAll(SiteLogs.healthy("flaky-1", T0, end, 6));
            for (Instant t = T0; t.isBefore(end); t = t.plusSeconds(30)) lines.add(SiteLogs.access("flaky-1", t.plusMillis(500), "/cart/", 502, 9));
            lines.addAll(SiteLogs.poolExhausted("flaky-1", ONSET, ONSET.plusSeconds(600), 2));
            lines.sort(java.util.Comparator.comparing(SiteLogs.Rec::at));
            fleet.pipe(lines);

            // Its first window is learnt, not judged; then 20 a window is its baseline (threshold 3 x 20): the burst opens
            // at 12:02 (20 + 60), and the incident closes when the site is back to its usual 20 in 10 minutes, at 12:20.
            List<JsonNode> out = fleet.diagnoses();
            assertThat(out).extracting(o -> o.get("type").asText() + " " + o.get("incidentId").asText() + " "
                    + o.path("window").path("to").asText() + o.path("closedAt").asText()).containsExactly(
                    "diagnosis flaky-1@2024-03-01T12:00:00Z 2024-03-01T12:02:00Z",
                    "diagnosis flaky-1@2024-03-01T12:00:00Z 2024-03-01T12:17:00Z",
                    "closed flaky-1@2024-03-01T12:00:00Z 2024-03-01T12:20:00Z");
            assertThat(out.get(2).get("reason").asText()).isEqualTo("gateway failures back to the site's baseline for PT10M");
        }
    }

    private static int indexAt(List<SiteLogs.Rec> lines, Instant t) {
        for (int i = 0; i < lines.size(); i++) if (!lines.get(i).at().isBefore(t)) return i;
        return lines.size();
    }

    static List<String> evidenceFacts(JsonNode diagnosis) {
        var out = new ArrayList<String>();
        diagnosis.get("causes").forEach(c -> c.get("evidence").forEach(e -> e.path("facts").forEach(f -> out.add(f.asText()))));
        return out;
    }
}
