package dev.gatewaydoctor.service;

import dev.gatewaydoctor.WritableRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's page over HTTP: served with a strict policy, and no other site can post through the agent's browser. */
class PageTest {

    static DiagnosisServer server;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = DiagnosisServer.start(TestService.settings().withPort(0).withToken("page-test-token"), WritableRules.REFUSE, m -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String origin, String fetchSite) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/diagnoses"))
                .header("Authorization", "Bearer page-test-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of("facts-samples/php-fpm-pool-exhausted.json"))));
        if (origin != null) b.header("Origin", origin);
        if (fetchSite != null) b.header("Sec-Fetch-Site", fetchSite);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndItsFilesAreServedWithoutATokenUnderAStrictPolicy() throws Exception {
        for (String path : new String[] {"/", "/page.js", "/page.css"}) {
            var r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(DiagnosisServer.PAGE_POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        String html = get("/").body();
        assertThat(html).contains("<textarea id=\"ticket\"").contains("<script src=\"/page.js\" defer></script>")
                .doesNotContainPattern("<script>|<style>| on[a-z]+=\"|style=\"");
        assertThat(DiagnosisServer.PAGE_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        // The data behind the page still needs the token.
        assertThat(get("/api/v1/fixes").statusCode()).isEqualTo(401);
    }

    @Test
    void theScriptSetsTextNeverHtml() throws Exception {
        String js = get("/page.js").body();
        assertThat(js).contains("textContent").doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedAndOneFromThePageOrAToolIsServed() throws Exception {
        String self = "http://127.0.0.1:" + server.port();
        var fromEvil = post("https://evil.example", "cross-site");
        assertThat(fromEvil.statusCode()).isEqualTo(403);
        assertThat(fromEvil.body()).contains("cross-site-request").contains("https://evil.example");
        assertThat(post(null, "cross-site").statusCode()).isEqualTo(403);
        assertThat(post("https://evil.example", null).statusCode()).isEqualTo(403);
        assertThat(post(self, "same-origin").statusCode()).isEqualTo(201);
        assertThat(post(null, null).statusCode()).as("a support tool sends neither header").isEqualTo(201);
    }
}
