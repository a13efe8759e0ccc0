package dev.gatewaydoctor.service;

import dev.gatewaydoctor.WritableRules;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Safe by default, over real HTTP: the token rule and the per-client rate limit. */
class SafetyTest {

    @Test
    void boundBeyondLoopbackWithoutATokenItRefusesToStartSayingWhy() {
        assertThatThrownBy(() -> DiagnosisServer.start(TestService.settings().withBind("0.0.0.0").withPort(0), WritableRules.REFUSE, m -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("--token-file").hasMessageContaining(ServiceSettings.TOKEN_ENVIRONMENT);
    }

    @Test
    void theDefaultsBindToLoopbackOnlyAndRedact() {
        var d = TestService.settings();
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(d.refusal()).isNull();
        assertThat(d.redact()).isTrue();
        assertThat(d.maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
    }

    @Test
    void withATokenEveryRequestButTheProbesNeedsIt() throws Exception {
        try (var server = DiagnosisServer.start(TestService.settings().withBind("0.0.0.0").withPort(0).withToken("s3cret-token"),
                WritableRules.REFUSE, m -> { })) {
            var none = new ServiceClient(server.port(), null);
            var wrong = new ServiceClient(server.port(), "guess");
            var right = new ServiceClient(server.port(), "s3cret-token");
            var r = none.get("/api/v1/causes");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(ServiceClient.json(r).path("type").asText()).endsWith("/unauthorized");
            assertThat(wrong.get("/api/v1/causes").statusCode()).isEqualTo(401);
            assertThat(wrong.postJson("/api/v1/diagnoses", Files.readString(Path.of(DiagnosisServerTest.SAMPLE))).statusCode()).isEqualTo(401);
            assertThat(none.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(right.get("/api/v1/causes").statusCode()).isEqualTo(200);
            assertThat(none.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(none.get("/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pastTheRateLimitA429WithRetryAfter() throws Exception {
        try (var server = DiagnosisServer.start(TestService.settings().withPort(0).withRequestsPerMinute(3), WritableRules.REFUSE, m -> { })) {
            var client = new ServiceClient(server.port(), null);
            for (int i = 0; i < 3; i++) assertThat(client.get("/api/v1/fixes").statusCode()).isEqualTo(200);
            var r = client.get("/api/v1/fixes");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(ServiceClient.json(r).path("type").asText()).endsWith("/rate-limited");
            assertThat(client.get("/healthz").statusCode()).as("probes are not limited").isEqualTo(200);
        }
    }

    @Test
    void theRateLimiterRefillsOverTime() {
        long[] now = {0};
        var limiter = new RateLimiter(60, () -> now[0]);
        for (int i = 0; i < 60; i++) assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).as("per client").isZero();
        now[0] += 1_000_000_000L;
        assertThat(limiter.acquire("a")).isZero();
    }

    @Test
    void theTokenIsComparedWhole() {
        var check = new TokenCheck("abc");
        assertThat(check.accepts("Bearer abc")).isTrue();
        assertThat(check.accepts("bearer abc")).isTrue();
        assertThat(check.accepts("Bearer ab")).isFalse();
        assertThat(check.accepts("Basic abc")).isFalse();
        assertThat(check.accepts(null)).isFalse();
    }
}
