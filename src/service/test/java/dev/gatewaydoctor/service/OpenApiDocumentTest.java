package dev.gatewaydoctor.service;

import dev.gatewaydoctor.WritableRules;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** /openapi.json is written by hand: this keeps it in step with the routes the server really has. */
class OpenApiDocumentTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        try (var server = DiagnosisServer.start(TestService.settings().withPort(0), WritableRules.REFUSE, m -> { })) {
            var r = new ServiceClient(server.port(), null).get("/openapi.json");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = ServiceClient.json(r);
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            var documented = new TreeSet<String>();
            doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                    .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
            assertThat(documented).isEqualTo(new TreeSet<>(server.routes()));
        }
    }

    @Test
    void everyErrorStatusTheServiceAnswersIsAProblemInTheDocument() throws Exception {
        try (var in = DiagnosisServer.class.getResourceAsStream("/gatewaydoctor/openapi.json")) {
            JsonNode doc = ServiceClient.JSON.readTree(in);
            JsonNode post = doc.path("paths").path("/api/v1/diagnoses").path("post").path("responses");
            for (String status : new String[] {"400", "401", "413", "429"}) {
                assertThat(post.path(status).path("content").has("application/problem+json")).as(status).isTrue();
            }
        }
    }
}
