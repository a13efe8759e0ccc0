package dev.gatewaydoctor.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.WritableRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case is kept, as shown, across restarts; its outcome with it; a case can be deleted. */
class CasesTest {

    static final String POOL_FULL = """
            {"factset": 1, "facts": [
              {"type": "http", "status": 502},
              {"type": "log", "source": "nginx-error", "line": "2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.9, server: shop.example"},
              {"type": "log", "source": "php-fpm", "line": "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it"}
            ]}""";

    @Test
    void aCaseOutlivesARestartWithItsOutcomeRedactedAsShownAndCanBeDeleted(@TempDir Path data) throws Exception {
        ServiceSettings settings = ServiceSettings.defaults().withPort(0).withDataDir(data);
        String id;
        try (var server = DiagnosisServer.start(settings, WritableRules.REFUSE, m -> { })) {
            var client = new ServiceClient(server.port(), null);
            JsonNode d = ServiceClient.json(client.postJson("/api/v1/diagnoses", POOL_FULL));
            id = d.path("id").asText();
            assertThat(d.path("causes").get(0).path("id").asText()).isEqualTo("php-fpm-pool-exhausted");
            var outcome = client.postJson("/api/v1/diagnoses/" + id + "/outcome", "{\"fix\": \"tune-php-fpm-pool\", \"cause\": \"php-fpm-pool-exhausted\"}");
            assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        }
        try (CaseStore store = CaseStore.open(CaseStore.h2Url(data))) {
            CaseStore.Case kept = store.find(id).orElseThrow();
            assertThat(kept.facts()).contains("pm.max_children").contains("[client-ip]").doesNotContain("203.0.113.9");
            assertThat(kept.diagnosis()).contains("php-fpm-pool-exhausted").doesNotContain("203.0.113.9");
            assertThat(kept.outcome().fix()).isEqualTo("tune-php-fpm-pool");
            assertThat(kept.topCause()).isEqualTo("php-fpm-pool-exhausted");
        }
        try (var server = DiagnosisServer.start(settings, WritableRules.REFUSE, m -> { })) {
            var client = new ServiceClient(server.port(), null);
            var again = client.get("/api/v1/diagnoses/" + id);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(ServiceClient.json(again).path("causes").get(0).path("id").asText()).isEqualTo("php-fpm-pool-exhausted");
            var answered = client.postJson("/api/v1/diagnoses/" + id + "/answers", "{\"observation\": \"fails-under-load\", \"answer\": true}");
            assertThat(answered.statusCode()).as("a check answered after the restart: " + answered.body()).isEqualTo(200);
            assertThat(client.delete("/api/v1/diagnoses/" + id).statusCode()).isEqualTo(204);
            var gone = client.get("/api/v1/diagnoses/" + id);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(client.delete("/api/v1/diagnoses/" + id).statusCode()).isEqualTo(404);
        }
    }
}
