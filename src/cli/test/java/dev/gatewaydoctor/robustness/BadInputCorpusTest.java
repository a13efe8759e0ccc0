package dev.gatewaydoctor.robustness;

import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.TestCli.Run;
import dev.gatewaydoctor.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever customers paste: every input of the corpus gets a clear error (exit 2, one line naming the
 * file and the place) or is read with a recorded warning; never a stack trace, never a hang.
 */
class BadInputCorpusTest {

    private static final String OK_HEAD = "{\"factset\": 1, \"facts\": [";

    private static Run diagnose(Path file, String... extra) {
        return TestCli.diagnose(file, extra);
    }

    /** Each bad document, and what its one-line error must say. */
    static Map<String, String> refused() {
        var m = new LinkedHashMap<String, String>();
        m.put("truncated.json", "{\"factset\": 1, \"facts\": [{\"type\": \"http\", \"status\": 50");
        m.put("wrong-status-type.json", OK_HEAD + "{\"type\": \"http\", \"status\": \"502\"}]}");
        m.put("huge-status.json", OK_HEAD + "{\"type\": \"http\", \"status\": 1e309}]}");
        m.put("huge-integer.json", OK_HEAD + "{\"type\": \"http\", \"status\": 99999999999999999999999999}]}");
        m.put("metric-overflow.json", OK_HEAD + "{\"type\": \"metric\", \"name\": \"cpu.utilization\", \"value\": 1e400}]}");
        m.put("nan.json", OK_HEAD + "{\"type\": \"metric\", \"name\": \"cpu.utilization\", \"value\": NaN}]}");
        m.put("facts-not-a-list.json", "{\"factset\": 1, \"facts\": {}}");
        m.put("no-facts.json", "{\"factset\": 1}");
        m.put("version-as-text.json", "{\"factset\": \"1\", \"facts\": []}");
        m.put("a-list.json", "[1, 2, 3]");
        m.put("duplicate-keys.json", "{\"factset\": 1, \"facts\": [], \"facts\": []}");
        m.put("deep.json", "{\"factset\": 1, \"facts\": [], \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        m.put("empty.json", "");
        m.put("log-line-a-number.json", OK_HEAD + "{\"type\": \"log\", \"source\": \"nginx-error\", \"line\": 5}]}");
        m.put("bad-time.json", OK_HEAD + "{\"type\": \"event\", \"kind\": \"php-upgraded\", \"at\": \"yesterday\"}]}");
        return m;
    }

    @Test
    void everyBadDocumentIsRefusedWithOneClearLineAndExitTwo(@TempDir Path tmp) throws Exception {
        for (var e : refused().entrySet()) {
            Path file = tmp.resolve(e.getKey());
            Files.writeString(file, e.getValue());
            Run o = diagnose(file);
            assertThat(o.code()).as("%s: exit code; stderr %s", e.getKey(), o.err()).isEqualTo(ExitCode.BAD_INPUT);
            String error = o.err().lines().filter(l -> l.startsWith("gatewaydoctor: ")).findFirst().orElse("");
            assertThat(error).as("%s: the error names the file", e.getKey()).contains(file.toString());
            assertThat(o.err()).as("%s: no stack trace", e.getKey()).doesNotContain("Exception", "\tat ", "com.fasterxml", "`");
            assertThat(o.out()).as("%s: no half answer", e.getKey()).isEmpty();
        }
    }

    @Test
    void binaryAndInvalidUtf8AreRefusedAsSuch(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("screenshot.png");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0x89;
        bytes[1] = 'P';
        Files.write(png, bytes);
        Run o = diagnose(png);
        assertThat(o.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(o.err()).contains(png.toString(), "invalid UTF-8").doesNotContain("Exception");
    }

    @Test
    void questionableValuesAreReadWithWarningsThatTheDiagnosisCarries(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("odd.json");
        Files.writeString(file, OK_HEAD
                + "{\"type\": \"metric\", \"name\": \"cpu.utilization\", \"value\": 95},"
                + "{\"type\": \"metric\", \"name\": \"memory.utilization\", \"value\": -0.2},"
                + "{\"type\": \"metric\", \"name\": \"disk.utilization\", \"value\": 450},"
                + "{\"type\": \"weather\", \"value\": \"rain\"},"
                + "{\"type\": \"log\", \"source\": \"nginx-error\", \"line\": \"" + "x".repeat(200_000) + "\"}]}");
        Run o = diagnose(file, "--json");
        assertThat(o.code()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.out());
        assertThat(json.get("warnings").toString()).contains(
                "cpu.utilization at /facts/0 is 95, above 1: read as a percentage, 0.95",
                "ignored metric memory.utilization at /facts/1: -0.2 is negative",
                "ignored metric disk.utilization at /facts/2: 450 is neither a ratio",
                "ignored fact /facts/3 of unknown type \\\"weather\\\"",
                "log line at /facts/4 is 200,000 characters; read up to the first 64 KB");
    }

    @Test
    void anEmptyFactListIsTheSeedChecklistNotAnError(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("nothing.json");
        Files.writeString(file, "{\"factset\": 1, \"facts\": []}");
        Run o = diagnose(file);
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("No usable evidence");
    }

    @Test
    void aHundredMegabyteLineIsCutNotFatal(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("pasted-a-whole-log.json");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(OK_HEAD + "{\"type\": \"log\", \"source\": \"nginx-error\", \"line\": \"");
            String chunk = "2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed "
                    + "(11: Resource temporarily unavailable) while connecting to upstream\\n";
            for (long written = 0; written < 100L * 1024 * 1024; written += chunk.length()) w.write(chunk);
            w.write("\"}]}");
        }
        long start = System.nanoTime();
        Run o = diagnose(file, "--json");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for a 100 MB line").isLessThan(60);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("read up to the first 64 KB", "php-fpm-pool-exhausted");
    }

    @Test
    void aDocumentBeyondTheStringLimitIsRefusedPlainly() {
        var reader = new dev.gatewaydoctor.facts.FactSetReader();
        String doc = OK_HEAD + "{\"type\": \"log\", \"source\": \"nginx-error\", \"line\": \"" + "x".repeat(256 * 1024 * 1024 + 1) + "\"}]}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read("giant.json", doc))
                .hasMessageStartingWith("giant.json").hasMessageContaining("exceeds the maximum allowed").hasMessageNotContaining("`");
    }
}
