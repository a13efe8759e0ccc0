package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One line read alone (a stream of lines, fleet mode) counts as it does in a log read whole. */
class LineReadingTest {

    private static final LogIngest INGEST = new LogIngest(TestRules.recognizer());
    private static final Instant NOW = Instant.parse("2024-12-31T00:00:00Z");

    @Test
    void aLineOfALogReadAloneGivesTheKindAndTimeTheWholeLogGives() throws Exception {
        String log = LogIngestTest.nginxLog(600);
        LogIngest.Result whole = INGEST.read("error.log", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                new LogIngest.Options("nginx-error", null, null, ZoneOffset.UTC), null);

        Set<String> kinds = new HashSet<>();
        long signalLines = 0;
        Instant first = null;
        for (String text : log.split("\n")) {
            LogIngest.Line line = INGEST.readLine("nginx-error", text, ZoneOffset.UTC, NOW);
            if (line.noise()) continue;
            signalLines++;
            kinds.add(line.kind());
            if (first == null) first = line.at();
        }
        assertThat(signalLines).isEqualTo(whole.signalLines());
        assertThat(kinds).hasSize(whole.lines().size());
        assertThat(first).isEqualTo(whole.lines().get(0).at());
    }

    @Test
    void noiseIsNoiseAndTwoFailuresOfOneUpstreamForDifferentClientsAreOneKind() {
        String favicon = "2024/03/01 12:04:17 [error] 1187#1187: *7 open() \"/var/www/html/favicon.ico\" failed (2: No such file or directory), "
                + "client: 198.51.100.4, server: shop.example.com, request: \"GET /favicon.ico HTTP/2.0\"";
        assertThat(INGEST.readLine("nginx-error", favicon, null, NOW).noise()).isTrue();

        String pool = "2024/03/01 12:04:%02d [error] 1187#1187: *%d connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource "
                + "temporarily unavailable) while connecting to upstream, client: 203.0.113.%d, server: shop.example.com, request: "
                + "\"GET /checkout/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"";
        LogIngest.Line a = INGEST.readLine("nginx-error", String.format(pool, 17, 88231, 45), null, NOW);
        LogIngest.Line b = INGEST.readLine("nginx-error", String.format(pool, 19, 88240, 7), null, NOW);
        assertThat(a.noise()).isFalse();
        assertThat(a.signals()).extracting(s -> s.family()).containsExactly("upstream-connect-failed");
        assertThat(a.kind()).isEqualTo(b.kind());
        assertThat(a.at()).isEqualTo(Instant.parse("2024-03-01T12:04:17Z"));
        assertThat(a.requestAt()).isNull();
    }

    @Test
    void everyLineOfAnAccessLogIsARequestAndItsGatewayErrorsAreSignals() {
        LogIngest.Line ok = INGEST.readLine("nginx-access",
                "203.0.113.5 - - [01/Mar/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 5123 \"-\" \"Mozilla/5.0\"", null, NOW);
        assertThat(ok.noise()).isTrue();
        assertThat(ok.requestAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));

        LogIngest.Line failed = INGEST.readLine("nginx-access",
                "203.0.113.5 - - [16/May/2024:09:12:03 +0200] \"GET /checkout/?step=2 HTTP/2.0\" 502 552 \"-\" \"Mozilla/5.0\"", null, NOW);
        assertThat(failed.signals()).extracting(s -> s.family(), s -> s.status()).containsExactly(org.assertj.core.groups.Tuple.tuple("access-gateway-error", 502));
        assertThat(failed.requestAt()).isEqualTo(Instant.parse("2024-05-16T07:12:03Z")).isEqualTo(failed.at());

        // The same line labelled as an error log is read alike, but is no request.
        assertThat(INGEST.readLine("nginx-error", "203.0.113.5 - - [01/Mar/2024:12:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"", null, NOW)
                .requestAt()).isNull();
    }

    @Test
    void junkIsNamedAndALineOutsideAsciiIsReadInFull() {
        assertThat(INGEST.readLine("nginx-error", "abc\u0000def", null, NOW).junk()).isEqualTo("binary");
        assertThat(INGEST.readLine("nginx-error", "x".repeat(LogIngest.MAX_LINE + 1), null, NOW).junk()).isEqualTo("over 64 KB");
        // A curly quote (pasted) before the message: not ASCII, so recognised without the byte prefilter.
        LogIngest.Line curly = INGEST.readLine("php-fpm",
                "\u201C[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it", null, NOW);
        assertThat(curly.junk()).isNull();
        assertThat(curly.signals()).extracting(s -> s.family()).containsExactly("fpm-max-children-reached");
    }
}
