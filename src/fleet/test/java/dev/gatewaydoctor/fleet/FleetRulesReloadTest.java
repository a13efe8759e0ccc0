package dev.gatewaydoctor.fleet;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RulesReload;
import dev.gatewaydoctor.TestRules;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.gatewaydoctor.fleet.SiteLogs.at;
import static org.assertj.core.api.Assertions.assertThat;

/** A watched rules directory edited mid-stream: the next diagnosis uses the new rules and names their version. */
class FleetRulesReloadTest {

    /** Makes any request rate count for a glitch, so strongly that a reload shows as another first cause. */
    private static final String RATES_AS_GLITCH_RULE = """

            rule "Any request rate looks like a glitch (test rule)"
            when
                Metric(name == "requests.per.second", value >= 0)
            then
                insert(new Evidence("transient-upstream-glitch", 4.0));
                insert(new Evidence("php-fpm-pool-exhausted", -4.0));
            end
            """;

    @Test
    void aRuleEditedWhileAnIncidentIsOpenIsUsedByItsNextDiagnosis(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        var reloads = new LinkedBlockingQueue<RulesReload>();
        Instant onset = at("2024-03-01T12:00:00Z");
        var lines = new ArrayList<SiteLogs.Rec>(SiteLogs.healthy("shop-4", onset.minusSeconds(1500), onset, 15));
        lines.addAll(SiteLogs.poolExhausted("shop-4", onset, onset.plusSeconds(1200), 3));
        lines.sort(java.util.Comparator.comparing(SiteLogs.Rec::at));
        int split = lines.size() * 3 / 4;
        try (Diagnoser doctor = Diagnoser.watching(rules, reloads::add);
             var fleet = new FleetDriver(doctor, tmp.resolve("state"), Map.of())) {
            String before = doctor.rulesVersion();
            fleet.pipe(lines.subList(0, split));
            List<JsonNode> first = fleet.diagnoses();
            assertThat(first).singleElement().satisfies(d -> {
                assertThat(d.get("reason").asText()).isEqualTo("onset");
                assertThat(d.get("rulesVersion").asText()).isEqualTo(before);
                assertThat(d.at("/causes/0/id").asText()).isEqualTo("php-fpm-pool-exhausted");
            });

            Path glitch = rules.resolve("causes/transient-upstream-glitch.drl");
            Files.writeString(glitch, Files.readString(glitch) + RATES_AS_GLITCH_RULE);
            RulesReload reload = reloads.poll(30, TimeUnit.SECONDS);
            assertThat(reload).as("a reload within 30 s").isNotNull();
            assertThat(reload.applied()).as("applied: %s", reload.problems()).isTrue();

            fleet.pipe(lines.subList(split, lines.size()));
            List<JsonNode> next = fleet.diagnoses();
            assertThat(next).singleElement().satisfies(d -> {
                assertThat(d.get("reason").asText()).isEqualTo("update");
                assertThat(d.get("incidentId").asText()).isEqualTo(first.get(0).get("incidentId").asText());
                assertThat(d.get("rulesVersion").asText()).isEqualTo(reload.version()).isNotEqualTo(before);
                assertThat(d.at("/rules/version").asText()).isEqualTo(reload.version());
                assertThat(d.at("/causes/0/id").asText()).isEqualTo("transient-upstream-glitch");
            });
        }
    }
}
