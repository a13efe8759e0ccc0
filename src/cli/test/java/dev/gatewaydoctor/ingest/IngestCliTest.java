package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.cli.ExitCode;
import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestCli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** diagnose with --log, --headers, --har and fact-set files: one diagnosis of everything, or no diagnosis at all. */
@org.junit.jupiter.api.parallel.ResourceLock("java.lang.System.in") // its tests replace it
class IngestCliTest {

    private static Run run(String... args) {
        return TestCli.run(args);
    }

    @Test
    void aGzippedLogACurlTranscriptAndAFactSetMakeOneDiagnosis(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("error.log.2.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(log))) {
            out.write(LogIngestTest.nginxLog(2000).getBytes(StandardCharsets.UTF_8));
        }
        Path fpm = tmp.resolve("www.log");
        Files.writeString(fpm, "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it\n");
        Path curl = tmp.resolve("curl.txt");
        Files.writeString(curl, "HTTP/2 502 \nserver: nginx/1.24.0 (Ubuntu)\n\n<center>nginx/1.24.0 (Ubuntu)</center>\n");
        Path facts = tmp.resolve("facts.json");
        Files.writeString(facts, "{\"factset\": 1, \"facts\": [{\"type\": \"metric\", \"name\": \"requests.per.second\", \"value\": 14},"
                + " {\"type\": \"metric\", \"name\": \"requests.per.second.baseline\", \"value\": 12}]}");
        Run r = run("diagnose", "--rules", "rules", "--json", "--log", "nginx-error=" + log, "--log", "auto=" + fpm, "--headers", curl.toString(),
                facts.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).as("one diagnosis").isEqualTo(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        // The log holds a full pool and PHP running out of memory: both are probable, each from its own lines.
        var probable = new java.util.ArrayList<String>();
        json.get("causes").forEach(c -> { if (c.get("confidence").asDouble() >= 0.5) probable.add(c.get("id").asText()); });
        assertThat(probable).contains("php-fpm-pool-exhausted", "php-memory-exhausted");
        assertThat(json.toString()).contains("and 39 more like it", "pool www");
        assertThat(r.err()).doesNotContain("\r"); // no progress bar: standard error is not a terminal here
    }

    @Test
    void standardInputAndATimeWindow() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(LogIngestTest.nginxLog(3000).getBytes(StandardCharsets.UTF_8)));
            Run r = run("diagnose", "--rules", "rules", "--json", "--since", "2024-03-01T12:40:00Z", "--until", "2024-03-01 12:49:59",
                    "--log", "auto=-");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("standard input (nginx-error, 3,000 lines, ").contains("fell outside the time window");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aBadInputAmongThemMeansNoDiagnosisAtAll(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("error.log");
        Files.writeString(log, LogIngestTest.nginxLog(10));
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"factset\": 1,");
        Run bad = run("diagnose", "--rules", "rules", "--log", "auto=" + log, broken.toString());
        assertThat(bad.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains(broken.toString(), "nothing diagnosed");

        Run missing = run("diagnose", "--rules", "rules", "--log", "nginx-error=" + tmp.resolve("nope.log"));
        assertThat(missing.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missing.err()).contains("nope.log: no such file (nothing diagnosed)");

        Run source = run("diagnose", "--rules", "rules", "--log", "nginx=" + log);
        assertThat(source.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(source.err()).contains("unknown source \"nginx\"");

        Run time = run("diagnose", "--rules", "rules", "--since", "yesterday", "--log", "auto=" + log);
        assertThat(time.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(time.err()).contains("--since yesterday: expected a time such as 2024-03-01T10:00:00Z");

        // A bad zone is refused whether logs or fact-set files are given.
        for (String input : new String[] {"--log=auto=" + log, "facts-samples/disk-full-no-space.json"}) {
            Run zone = run("diagnose", "--rules", "rules", "--timezone", "Mars/Olympus", input);
            assertThat(zone.code()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(zone.err()).contains("--timezone Mars/Olympus: expected a time zone such as Europe/Berlin or +02:00");
            assertThat(zone.out()).isEmpty();
        }
    }

    @Test
    void aHarExportIsDiagnosed(@TempDir Path tmp) throws Exception {
        Path har = tmp.resolve("checkout.har");
        Files.writeString(har, """
                {"log": {"entries": [{"startedDateTime": "2024-03-01T12:04:17Z", "time": 100270,
                  "request": {"url": "https://shop.example.com/wp-admin/admin-ajax.php"},
                  "response": {"status": 524, "headers": [{"name": "Server", "value": "cloudflare"}, {"name": "CF-RAY", "value": "8f2-AMS"}],
                               "content": {"mimeType": "text/html", "text": "<div id=\\"cf-wrapper\\">A timeout occurred Error code 524</div>"}}}]}}
                """);
        Run r = run("diagnose", "--rules", "rules", "--har", har.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Request execution timeout (PHP or the application server) [php-execution-timeout]");
    }
}
