package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.LogLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogIngestTest {

    private static final String POOL_LINE = "2024/03/01 12:%02d:%02d [error] 1187#1187: *%d connect() to unix:/run/php/php8.2-fpm.sock failed "
            + "(11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.%d, server: shop.example.com, "
            + "request: \"GET /p/%d HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"";
    private static final String NOISE = "2024/03/01 12:%02d:%02d [error] 1187#1187: *%d open() \"/var/www/html/favicon.ico\" failed "
            + "(2: No such file or directory), client: 198.51.100.%d, server: shop.example.com, request: \"GET /favicon.ico HTTP/2.0\"";
    private static final String MEMORY = "2024/03/01 12:%02d:%02d [error] 1187#1187: *%d FastCGI sent in stderr: \"PHP message: PHP Fatal error:  "
            + "Allowed memory size of 134217728 bytes exhausted (tried to allocate %d bytes) in /var/www/html/wp-content/plugins/woo-pdf/x.php on line 12\" "
            + "while reading response header from upstream, client: 198.51.100.%d";

    /** A realistic error log: noise, with pool and memory failures spread over an hour. */
    static String nginxLog(int lines) {
        var sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int m = (i / 60) % 60, s = i % 60;
            if (i % 50 == 0) sb.append(String.format(POOL_LINE, m, s, i, i % 250, i)).append('\n');
            else if (i % 75 == 0) sb.append(String.format(MEMORY, m, s, i, 4096 + i, i % 250)).append('\n');
            else sb.append(String.format(NOISE, m, s, i, i % 250)).append('\n');
        }
        return sb.toString();
    }

    /** nginx writes local time without a zone; these tests say it is UTC, as servers often run. */
    private static final LogIngest.Options UTC = new LogIngest.Options("auto", null, null, java.time.ZoneOffset.UTC);

    @Test
    void localTimesAreReadInTheGivenZoneAndWithoutOneTheDiagnosisSaysUtcWasAssumedOnce() throws Exception {
        byte[] log = nginxLog(100).getBytes(StandardCharsets.UTF_8);
        LogIngest.Result berlin = read(log, new LogIngest.Options("auto", null, null, java.time.ZoneId.of("Europe/Berlin")));
        assertThat(berlin.lines().get(0).at()).isEqualTo(Instant.parse("2024-03-01T11:00:00Z")); // 12:00 in Berlin, winter time
        assertThat(berlin.warnings()).isEmpty();
        LogIngest.Result assumed = read(log, LogIngest.Options.AUTO);
        assertThat(assumed.lines().get(0).at()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        // One owner for the warning: the diagnosis, which knows the site's zone; not the reading too.
        assertThat(assumed.warnings()).isEmpty();
        var facts = dev.gatewaydoctor.facts.FactSet.builder().facts(assumed.lines()).build();
        var d = dev.gatewaydoctor.TestRules.diagnoser().diagnose(facts);
        assertThat(d.warnings()).filteredOn(w -> w.contains("zone")).singleElement().asString().contains("without a zone; read as UTC");
    }

    @Test
    void aLineKeptByWholeLogReadingIsNotRecognisedAgainByTheDiagnosis() throws Exception {
        var doctor = dev.gatewaydoctor.engine.DiagnoserAccess.of(dev.gatewaydoctor.knowledge.KnowledgeLoader.fromDirectory(dev.gatewaydoctor.TestRules.RULES));
        var recognizer = dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(doctor).recognizer();
        byte[] log = nginxLog(100).getBytes(StandardCharsets.UTF_8);
        long before = recognizer.recognitions();
        LogIngest.Result r = new LogIngest(recognizer).read("error.log", new ByteArrayInputStream(log), UTC, null);
        long byReading = recognizer.recognitions() - before;
        assertThat(byReading).as("each line holding a family's word, read once").isPositive();
        var facts = dev.gatewaydoctor.facts.FactSet.builder().facts(r.lines()).build();
        var d = doctor.diagnose(facts);
        assertThat(recognizer.recognitions() - before).as("the diagnosis reads none of the kept lines again").isEqualTo(byReading);
        assertThat(d.causes()).isNotEmpty();
        // A line the diagnosis has not seen before is read, once.
        doctor.diagnose(dev.gatewaydoctor.facts.FactSet.builder().facts(java.util.List.of(new dev.gatewaydoctor.facts.LogLine("nginx-error",
                "connect() failed (111: Connection refused) while connecting to upstream", null))).build());
        assertThat(recognizer.recognitions() - before).isEqualTo(byReading + 1);
    }

    private static LogIngest.Result read(byte[] bytes, LogIngest.Options options) throws Exception {
        return new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("error.log", new ByteArrayInputStream(bytes), options, null);
    }

    @Test
    void identicalSignalsBecomeOneLineWithACountAndTheirFirstAndLastTimes() throws Exception {
        LogIngest.Result r = read(nginxLog(3000).getBytes(StandardCharsets.UTF_8), UTC);
        assertThat(r.linesRead()).isEqualTo(3000);
        assertThat(r.source()).isEqualTo("nginx-error");
        assertThat(r.lines()).hasSize(2); // one kind of pool failure, one kind of memory fatal, whatever the client and request
        LogLine pool = r.lines().stream().filter(l -> l.line().contains("(11:")).findFirst().orElseThrow();
        assertThat(pool.count()).isEqualTo(60);
        assertThat(pool.at()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(pool.lastAt()).isEqualTo(Instant.parse("2024-03-01T12:49:10Z"));
        // A few lines like it: the second seen and the last, which show what varies among them.
        assertThat(pool.examples()).hasSize(2);
        assertThat(pool.examples().get(0)).contains("(11:").isNotEqualTo(pool.line());
        assertThat(pool.examples().get(1)).startsWith("2024/03/01 12:49:10");
        assertThat(pool.describe()).contains("(and 59 more like it, the last at 2024-03-01T12:49:10Z; the last: 2024/03/01 12:49:10");
        assertThat(r.signalLines()).isEqualTo(60 + r.lines().get(1).count());
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aLogReadInManyBatchesOnSeveralCoresCountsAsOne() throws Exception {
        // 24,000 lines, about 5 MB: read in 1 MB batches, merged in file order.
        String log = nginxLog(24_000);
        LogIngest.Result r = read(log.getBytes(StandardCharsets.UTF_8), UTC);
        LogIngest.Result oneByOne = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("error.log", new StringReader(log), UTC);
        assertThat(r.linesRead()).isEqualTo(24_000);
        assertThat(r.lines()).isEqualTo(oneByOne.lines());
        LogLine pool = r.lines().get(0);
        assertThat(pool.line()).contains("(11:");
        assertThat(pool.count()).isEqualTo(480);
        assertThat(pool.at()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
    }

    @Test
    void linesAcrossChunkEndsAndLinesLongerThanAChunkAreReadAsTheTextReaderReadsThem() throws Exception {
        // 1 MB chunks: lines straddle their ends, one junk line fills more than a chunk, others
        // fall between 64 KB and a chunk, and one ends the file without a line end.
        var sb = new StringBuilder();
        String[] lines = nginxLog(30_000).split("\n");
        for (int i = 0; i < lines.length; i++) {
            sb.append(lines[i]).append(i % 7 == 0 ? "\r\n" : "\n");
            if (i == 4_000) sb.append("y".repeat(3 * 1024 * 1024)).append('\n');
            if (i == 9_000 || i == 21_000) sb.append("z".repeat(70 * 1024)).append('\n');
            if (i == 15_000) sb.append("x".repeat(LogIngest.MAX_LINE)).append('\n'); // exactly the limit: kept
        }
        sb.append(String.format(POOL_LINE, 59, 58, 7, 7, 7));
        String log = sb.toString();
        LogIngest.Result bytes = read(log.getBytes(StandardCharsets.UTF_8), UTC);
        LogIngest.Result text = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("error.log", new StringReader(log), UTC);
        assertThat(bytes.linesRead()).isEqualTo(30_000 + 4 + 1).isEqualTo(text.linesRead());
        assertThat(bytes.junk()).isEqualTo(3).isEqualTo(text.junk());
        assertThat(bytes.lines()).isEqualTo(text.lines());
        assertThat(bytes.signalLines()).isEqualTo(text.signalLines());
    }

    @Test
    void theRulesReasonOverTheCounts() throws Exception {
        LogIngest.Result r = read(nginxLog(3000).getBytes(StandardCharsets.UTF_8), LogIngest.Options.AUTO);
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().facts(r.lines()).build());
        assertThat(d.topCause().id()).isIn("php-fpm-pool-exhausted", "php-memory-exhausted");
        // The failures of an hour are no glitch: the counts of aggregated lines reach the incident's timeline.
        assertThat(d.causes()).filteredOn(c -> c.id().equals("transient-upstream-glitch"))
                .allSatisfy(c -> assertThat(c.evidence()).anySatisfy(e -> {
                    assertThat(e.rule()).startsWith("The failures went on for more than five minutes");
                    assertThat(e.facts()).singleElement().asString().startsWith("80 failures from 2024-03-01T12:00:00Z over 49 min");
                }));
    }

    @Test
    void aGzippedLogIsReadAsItIsWhateverItsName() throws Exception {
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(nginxLog(1000).getBytes(StandardCharsets.UTF_8));
        }
        LogIngest.Result r = read(gz.toByteArray(), LogIngest.Options.AUTO);
        assertThat(r.linesRead()).isEqualTo(1000);
        assertThat(r.lines()).hasSize(2);
    }

    @Test
    void aTimeWindowKeepsOnlyTheSignalsInsideIt() throws Exception {
        var options = new LogIngest.Options("nginx-error", Instant.parse("2024-03-01T12:10:00Z"), Instant.parse("2024-03-01T12:19:59Z"));
        LogIngest.Result r = read(nginxLog(3000).getBytes(StandardCharsets.UTF_8), options);
        LogLine pool = r.lines().stream().filter(l -> l.line().contains("(11:")).findFirst().orElseThrow();
        assertThat(pool.count()).isEqualTo(12);
        assertThat(pool.at()).isAfterOrEqualTo(Instant.parse("2024-03-01T12:10:00Z"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("fell outside the time window"));
    }

    @Test
    void syslogStampsTakeTheirYearFromTheWindowSoTheWindowAppliesToThem() throws Exception {
        String syslog = """
                Dec 30 04:12:55 web1 kernel: [771234.120931] Out of memory: Killed process 811 (php-fpm8.2) total-vm:1245320kB, anon-rss:498212kB, file-rss:0kB
                Dec 31 23:58:10 web1 kernel: [8812345.121877] Out of memory: Killed process 22118 (php-fpm8.2) total-vm:1245320kB, anon-rss:498212kB, file-rss:0kB
                Jan  1 00:01:02 web1 kernel: [8812436.554102] Out of memory: Killed process 22301 (php-fpm8.2) total-vm:1198004kB, anon-rss:471880kB, file-rss:0kB
                Jan  1 00:02:00 web1 systemd[1]: Started Session 4411 of user deploy.
                """;
        var options = new LogIngest.Options("syslog", Instant.parse("2024-12-31T00:00:00Z"), Instant.parse("2025-01-01T06:00:00Z"),
                java.time.ZoneOffset.UTC);
        LogIngest.Result r = read(syslog.getBytes(StandardCharsets.UTF_8), options);
        LogLine kills = r.lines().stream().filter(l -> l.line().contains("Out of memory")).findFirst().orElseThrow();
        assertThat(kills.count()).isEqualTo(2);
        assertThat(kills.at()).isEqualTo(Instant.parse("2024-12-31T23:58:10Z"));
        assertThat(kills.lastAt()).isEqualTo(Instant.parse("2025-01-01T00:01:02Z"));
        assertThat(r.outsideWindow()).isEqualTo(1);
    }

    @Test
    void junkIsCountedSkippedAndSummedUpInOneWarning() throws Exception {
        var bytes = new ByteArrayOutputStream();
        bytes.write(nginxLog(100).getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {0, 1, 2, 3, (byte) 0xff, '\n'});                 // binary
        bytes.write(new byte[] {'a', (byte) 0xc3, (byte) 0x28, 'b', '\n'});      // invalid UTF-8
        bytes.write(("x".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8)); // over 64 KB
        bytes.write("\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.write(String.format(POOL_LINE, 59, 59, 1, 1, 1).getBytes(StandardCharsets.UTF_8)); // last line, no newline
        LogIngest.Result r = read(bytes.toByteArray(), UTC);
        assertThat(r.linesRead()).isEqualTo(105);
        assertThat(r.junk()).isEqualTo(3);
        assertThat(r.warnings()).singleElement().asString()
                .isEqualTo("error.log: skipped 3 of 105 lines that are no log text (1 binary, 1 not UTF-8, 1 over 64 KB)");
        assertThat(r.lines().stream().filter(l -> l.line().contains("(11:")).findFirst().orElseThrow().count()).isEqualTo(3);
    }

    @Test
    void aLogOfNothingKnownSaysSo() throws Exception {
        LogIngest.Result r = read("just\nsome\nwords\n".getBytes(StandardCharsets.UTF_8), LogIngest.Options.AUTO);
        assertThat(r.lines()).isEmpty();
        assertThat(r.source()).isEqualTo("other");
        assertThat(r.warnings()).containsExactly("error.log: none of its 3 lines matched a message family GatewayDoctor knows");
    }

    @Test
    void aReaderGivesTheSameAsTheBytes() throws Exception {
        String log = nginxLog(500);
        LogIngest.Result fromBytes = read(log.getBytes(StandardCharsets.UTF_8), LogIngest.Options.AUTO);
        LogIngest.Result fromReader = new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read("error.log", new StringReader(log), LogIngest.Options.AUTO);
        assertThat(fromReader.lines()).isEqualTo(fromBytes.lines());
        assertThat(fromReader.linesRead()).isEqualTo(fromBytes.linesRead());
    }

    @Test
    void theSourceIsReadOffTheLines(@TempDir Path tmp) throws Exception {
        assertThat(LogSources.sniff(java.util.List.of("[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5)")))
                .isEqualTo("php-fpm");
        assertThat(LogSources.sniff(java.util.List.of("[Wed Mar 06 09:12:44.118203 2024] [proxy:error] [pid 1:tid 2] (111)Connection refused: AH00957")))
                .isEqualTo("apache-error");
        assertThat(LogSources.sniff(java.util.List.of("[01-Mar-2024 12:04:19 UTC] PHP Fatal error:  Uncaught Error")))
                .isEqualTo("php-error");
        assertThat(LogSources.sniff(java.util.List.of("php_1  | [01-Mar-2024 12:03:58] WARNING: [pool www] seems busy"))).isEqualTo("docker");
        assertThat(LogSources.sniff(java.util.List.of("Mar  1 03:12:44 web1 kernel: [2345678.1] Out of memory: Killed process 2211 (php-fpm8.2)")))
                .isEqualTo("kernel");
        Path file = tmp.resolve("error.log");
        Files.writeString(file, nginxLog(10));
        assertThat(new LogIngest(dev.gatewaydoctor.TestRules.recognizer()).read(file, LogIngest.Options.AUTO, null).source()).isEqualTo("nginx-error");
    }
}
