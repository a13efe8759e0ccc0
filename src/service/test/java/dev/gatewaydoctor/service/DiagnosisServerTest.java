package dev.gatewaydoctor.service;

import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.service.ServiceClient.Part;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint over real HTTP, against the service started on a free port with the bundled rules. */
class DiagnosisServerTest {

    static final String SAMPLE = "facts-samples/php-fpm-pool-exhausted.json";
    static DiagnosisServer server;
    static ServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        server = DiagnosisServer.start(TestService.settings().withPort(0).withMaxBodyBytes(64 * 1024).withRequestsPerMinute(100000), WritableRules.REFUSE, System.err::println);
        client = new ServiceClient(server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode diagnosed(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return ServiceClient.json(r);
    }

    @Test
    void aFactSetIsDiagnosedAsDiagnoseJsonDoesWithAnId() throws Exception {
        JsonNode d = diagnosed(client.postJson("/api/v1/diagnoses", Files.readString(Path.of(SAMPLE))));
        assertThat(d.path("id").asText()).hasSize(32);
        assertThat(d.path("file").asText()).isEqualTo("request body");
        assertThat(d.path("causes").get(0).path("id").asText()).isEqualTo("php-fpm-pool-exhausted");
        assertThat(d.path("fixes").get(0).path("id").asText()).isEqualTo("tune-php-fpm-pool");
        for (String field : List.of("rules", "basis", "conclusive", "whyNot", "nextChecks")) assertThat(d.has(field)).as(field).isTrue();
    }

    @Test
    void multipartGathersATicketAGzippedLogACurlTranscriptAndAFactSet() throws Exception {
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(("2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed "
                    + "(11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.9, server: example.com\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String curl = "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n";
        JsonNode d = diagnosed(client.postMultipart("/api/v1/diagnoses", List.of(
                new Part("log.nginx-error", "error.log.gz", gz.toByteArray()),
                new Part("curl", "curl.txt", curl.getBytes(StandardCharsets.UTF_8)),
                Part.text("ticket", "Our shop shows 502 Bad Gateway since this morning.\n"
                        + "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it"),
                Part.text("timezone", "UTC"))));
        assertThat(d.path("file").asText()).isEqualTo("combined input");
        assertThat(d.path("causes").get(0).path("id").asText()).isEqualTo("php-fpm-pool-exhausted");
        assertThat(d.toString()).as("visitors' IPs redacted by default").doesNotContain("203.0.113.9");
    }

    static final String BAD = "{\"factset\": 1,\n \"facts\": 5}";

    @Test
    void aBadFactSetIsA400WithTheClisMessageAndPosition() throws Exception {
        var r = client.postJson("/api/v1/diagnoses", BAD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode p = ServiceClient.json(r);
        assertThat(p.path("type").asText()).endsWith("/bad-fact-set");
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("status").asInt()).isEqualTo(400);
        assertThat(p.path("detail").asText()).startsWith("request body:2:");
        assertThat(p.path("line").asInt()).isEqualTo(2);
        assertThat(p.path("column").asInt()).isPositive();
        assertThat(p.path("pointer").asText()).startsWith("/facts");
        try {
            new dev.gatewaydoctor.facts.FactSetReader().read("request body", BAD);
        } catch (dev.gatewaydoctor.facts.FactSetException e) {
            assertThat(p.path("detail").asText()).as("the CLI's message").isEqualTo(e.getMessage());
        }
    }

    @Test
    void notJsonIsA400AndAnUnknownPartToo() throws Exception {
        assertThat(client.postJson("/api/v1/diagnoses", "not json").statusCode()).isEqualTo(400);
        var r = client.postMultipart("/api/v1/diagnoses", List.of(Part.text("rules", "rule \"x\" when then end")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServiceClient.json(r).path("detail").asText()).contains("unknown part \"rules\"");
        var text = client.postBytes("/api/v1/diagnoses", "text/plain", "502".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(ServiceClient.json(text).path("type").asText()).endsWith("/unsupported-media-type");
    }

    @Test
    void anAnswerToANextCheckGivesTheNewDiagnosis() throws Exception {
        JsonNode first = diagnosed(client.postJson("/api/v1/diagnoses", "{\"factset\": 1, \"facts\": [{\"type\": \"http-response\", \"status\": 502}]}"));
        JsonNode check = first.path("nextChecks").get(0);
        assertThat(check).as("a status alone asks a next check").isNotNull();
        String id = first.path("id").asText();
        String answer = switch (check.path("answer").asText()) {
            case "yes-no" -> "true";
            case "number" -> "1";
            default -> "\"2024/03/01 12:04:17 [error] 1#1: *1 upstream timed out (110: Connection timed out) while reading response header from upstream\"";
        };
        var r = client.postJson("/api/v1/diagnoses/" + id + "/answers",
                "{\"observation\": \"" + check.path("observation").asText() + "\", \"answer\": " + answer + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode again = ServiceClient.json(r);
        assertThat(again.path("id").asText()).isEqualTo(id);
        assertThat(again.toString()).isNotEqualTo(first.toString());
    }

    @Test
    void anAnswerUnderANameForTheOtherAnswerIsTheChecksOtherAnswer() throws Exception {
        String facts = "{\"factset\": 1, \"facts\": [{\"type\": \"http\", \"status\": 502}]}";
        String a = diagnosed(client.postJson("/api/v1/diagnoses", facts)).path("id").asText();
        String b = diagnosed(client.postJson("/api/v1/diagnoses", facts)).path("id").asText();
        var other = client.postJson("/api/v1/diagnoses/" + a + "/answers", "{\"observation\": \"retry-fails\", \"answer\": true}");
        var own = client.postJson("/api/v1/diagnoses/" + b + "/answers", "{\"observation\": \"retry-succeeds\", \"answer\": false}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(ServiceClient.json(other).path("causes")).isEqualTo(ServiceClient.json(own).path("causes"));
    }

    @Test
    void anAnswerToAnUnknownObservationNamesTheClosest() throws Exception {
        String id = diagnosed(client.postJson("/api/v1/diagnoses", Files.readString(Path.of(SAMPLE)))).path("id").asText();
        var r = client.postJson("/api/v1/diagnoses/" + id + "/answers", "{\"observation\": \"retry-succeed\", \"answer\": true}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServiceClient.json(r).path("closest").toString()).contains("retry-succeeds");
    }

    @Test
    void anOutcomeIsRecordedAndUnknownIdsNameTheClosest() throws Exception {
        String id = diagnosed(client.postJson("/api/v1/diagnoses", Files.readString(Path.of(SAMPLE)))).path("id").asText();
        var ok = client.postJson("/api/v1/diagnoses/" + id + "/outcome",
                "{\"fix\": \"tune-php-fpm-pool\", \"cause\": \"php-fpm-pool-exhausted\", \"note\": \"raised pm.max_children to 20\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ServiceClient.json(ok).path("fix").asText()).isEqualTo("tune-php-fpm-pool");

        var bad = client.postJson("/api/v1/diagnoses/" + id + "/outcome", "{\"fix\": \"tune-phpfpm-pool\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode p = ServiceClient.json(bad);
        assertThat(p.path("type").asText()).endsWith("/unknown-fix");
        assertThat(p.path("closest").get(0).asText()).isEqualTo("tune-php-fpm-pool");
        assertThat(p.path("detail").asText()).contains("tune-php-fpm-pool");

        var badCause = client.postJson("/api/v1/diagnoses/" + id + "/outcome", "{\"cause\": \"php-fpm-pool-exausted\"}");
        assertThat(ServiceClient.json(badCause).path("closest").get(0).asText()).isEqualTo("php-fpm-pool-exhausted");
    }

    @Test
    void anUnknownIdOrRouteIsA404Problem() throws Exception {
        var r = client.postJson("/api/v1/diagnoses/0123456789abcdef0123456789abcdef/answers", "{\"observation\": \"retry-succeeds\", \"answer\": true}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ServiceClient.json(r).path("type").asText()).endsWith("/not-found");
        assertThat(client.postJson("/api/v1/diagnoses/nope/outcome", "{\"fix\": \"tune-php-fpm-pool\"}").statusCode()).isEqualTo(404);
        var route = client.get("/api/v1/nothing-here");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(ServiceClient.json(route).path("status").asInt()).isEqualTo(404);
    }

    // Repeated: the server once answered and closed while the client was still sending, and about one
    // request in thirteen got a reset instead of the 413 (SafetyTest covers the rate limit this class lifts).
    @org.junit.jupiter.api.RepeatedTest(40)
    void aBodyPastTheLimitIsA413() throws Exception {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        var r = client.postBytes("/api/v1/diagnoses", "application/json", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(ServiceClient.json(r).path("type").asText()).endsWith("/body-too-large");
    }

    @Test
    void theVocabularyCausesAndFixesAreServed() throws Exception {
        JsonNode v = ServiceClient.json(client.get("/api/v1/vocabulary"));
        assertThat(v.path("observations").has("retry-succeeds")).isTrue();
        JsonNode causes = ServiceClient.json(client.get("/api/v1/causes"));
        assertThat(causes.toString()).contains("\"id\":\"php-fpm-pool-exhausted\"");
        JsonNode fixes = ServiceClient.json(client.get("/api/v1/fixes"));
        assertThat(fixes.toString()).contains("\"id\":\"tune-php-fpm-pool\"");
    }

    @Test
    void probesAndMetricsAnswer() throws Exception {
        assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
        var ready = client.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ServiceClient.json(ready).path("rules").path("source").asText()).isEqualTo("bundled");
        client.postJson("/api/v1/diagnoses", Files.readString(Path.of(SAMPLE)));
        var metrics = client.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gatewaydoctor_diagnoses_total{basis=\"evidence\"}").contains("http_server_requests_seconds_count")
                .contains("jvm_memory_used_bytes").contains("gatewaydoctor_diagnoses_stored");
    }
}
