package dev.gatewaydoctor.service;

import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.WritableRules;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** serve --rules DIR: a rule edit goes live without a restart; and a chunked body past the limit is refused while it streams. */
class WatchedRulesTest {

    private static final String FULL_DISK = "{\"factset\": 1, \"facts\": [{\"type\": \"metric\", \"name\": \"disk.utilization\", \"value\": 0.99}]}";

    @Test
    void aRuleEditGoesLiveWithoutARestart(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        BlockingQueue<String> told = new LinkedBlockingQueue<>();
        try (var server = DiagnosisServer.start(TestService.settings().withPort(0).withRules(rules), WritableRules.REFUSE, told::add)) {
            var client = new ServiceClient(server.port(), null);
            JsonNode before = ServiceClient.json(client.postJson("/api/v1/diagnoses", FULL_DISK));
            assertThat(before.path("causes").get(0).path("id").asText()).isEqualTo("disk-full");
            assertThat(ServiceClient.json(client.get("/readyz")).path("rules").path("source").asText()).contains("rules");

            Path glitch = rules.resolve("causes/transient-upstream-glitch.drl");
            Files.writeString(glitch, Files.readString(glitch) + TestRules.FULL_DISK_AS_GLITCH_RULE);
            String reload = told.poll(60, TimeUnit.SECONDS);
            assertThat(reload).as("a reload within 60 s").startsWith("rules reloaded");

            JsonNode after = ServiceClient.json(client.postJson("/api/v1/diagnoses", FULL_DISK));
            assertThat(after.path("causes").get(0).path("id").asText()).isEqualTo("transient-upstream-glitch");
            assertThat(after.path("rules").path("version").asText()).isNotEqualTo(before.path("rules").path("version").asText());
            assertThat(client.get("/metrics").body()).contains("gatewaydoctor_rules_reloads_total{applied=\"true\"} 1.0");
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsA413(@TempDir Path tmp) throws Exception {
        try (var server = DiagnosisServer.start(TestService.settings().withPort(0).withMaxBodyBytes(1024), WritableRules.REFUSE, m -> { })) {
            // No Content-Length: the limit can only be kept while the body streams in.
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/diagnoses"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(" ".repeat(64 * 1024).getBytes()))).build();
            var r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(ServiceClient.json(r).path("type").asText()).endsWith("/body-too-large");
        }
    }
}
