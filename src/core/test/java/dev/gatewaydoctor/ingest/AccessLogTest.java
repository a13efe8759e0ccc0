package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Metric;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** An access log is the record of every request: its gateway errors, and the request rate around them. */
class AccessLogTest {

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    /** Two requests a second for two hours, then eight a second for half an hour, when 502s begin. */
    private static String surge() {
        var sb = new StringBuilder();
        var random = new Random(3);
        OffsetDateTime t = OffsetDateTime.of(2024, 11, 29, 9, 0, 0, 0, ZoneOffset.ofHours(1));
        for (int second = 0; second < 9000; second++) {
            int perSecond = second < 7200 ? 2 : 8;
            for (int r = 0; r < perSecond; r++) {
                boolean failing = second >= 7260 && random.nextInt(4) == 0;
                sb.append("203.0.113.").append(random.nextInt(250)).append(" - - [").append(CLF.format(t.plusSeconds(second)))
                        .append("] \"GET /product/").append(random.nextInt(500)).append("/?ref=mail HTTP/2.0\" ")
                        .append(failing ? "502 552" : "200 48211").append(" \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n");
            }
        }
        return sb.toString();
    }

    @Test
    void anAccessLogGivesItsGatewayErrorsAndItsRequestRatePerTenMinutes() throws Exception {
        LogIngest.Result r = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("access.log", new ByteArrayInputStream(surge().getBytes(StandardCharsets.UTF_8)),
                LogIngest.Options.AUTO, null);
        assertThat(r.source()).isEqualTo("nginx-access");
        assertThat(r.lines()).singleElement().satisfies(l -> {
            assertThat(l.line()).contains("\" 502 552 ");
            assertThat(l.at()).isEqualTo(Instant.parse("2024-11-29T10:01:00Z"));
            assertThat(l.count()).isBetween(3000, 4000); // a quarter of 1,740 s x 8 requests
            assertThat(l.examples()).hasSize(2);
        });
        assertThat(r.requestRates()).hasSize(15);
        assertThat(r.requestRates().get(0)).isEqualTo(new Metric("requests.per.second", 2.0, "req/s", Instant.parse("2024-11-29T08:00:00Z")));
        assertThat(r.requestRates().get(12).value()).isEqualTo(8.0);
        // The text reader counts the same.
        LogIngest.Result text = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("access.log", new java.io.StringReader(surge()), LogIngest.Options.AUTO);
        assertThat(text.source()).isEqualTo("nginx-access");
        assertThat(text.requestRates()).isEqualTo(r.requestRates());
    }

    @Test
    void theRatesReachTheRulesAsTrafficAroundTheFirstError() throws Exception {
        LogIngest.Result r = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("access.log", new ByteArrayInputStream(surge().getBytes(StandardCharsets.UTF_8)),
                LogIngest.Options.AUTO, null);
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().facts(r.lines()).facts(r.requestRates()).build());
        assertThat(d.topCause().id()).isEqualTo("traffic-overload");
        assertThat(d.topCause().evidence()).extracting(EvidenceItem::rule)
                .contains("Requests around the first error run at three times those before it or more");
        assertThat(d.incident().onset()).isEqualTo(Instant.parse("2024-11-29T10:01:00Z"));
    }

    @Test
    void theStampIsReadOffTheBytesAsJavaReadsIt() {
        var random = new Random(11);
        for (int n = 0; n < 5_000; n++) {
            int h = random.nextInt(27) - 12;
            int m = random.nextBoolean() ? 0 : 30;
            OffsetDateTime t = OffsetDateTime.of(1990 + random.nextInt(80), 1 + random.nextInt(12), 1, random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), 0, ZoneOffset.ofHoursMinutes(h, h < 0 ? -m : m)).plusDays(random.nextInt(31));
            String line = "198.51.100.1 - user [" + CLF.format(t) + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"";
            byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(LogIngest.accessTime(b, 0, b.length)).as(line).isEqualTo(t.toEpochSecond());
        }
        for (String notAStamp : new String[] {"2024/03/01 12:00:00 [error] 1#1: x", "[29/Foo/2024:10:00:00 +0100]", "x [29/Nov/2024:10:00 +0100]", "["}) {
            byte[] b = notAStamp.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(LogIngest.accessTime(b, 0, b.length)).as(notAStamp).isEqualTo(Long.MIN_VALUE);
        }
    }
}
