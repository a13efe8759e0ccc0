package dev.gatewaydoctor.facts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FactSetReaderTest {

    private final FactSetReader reader = new FactSetReader();

    private FactSetException rejected(String json) {
        try {
            reader.read("case.json", json);
        } catch (FactSetException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsEveryFactTypeOfTheSpec() throws Exception {
        FactSet fs = reader.read("ok.json", """
                {"factset": 1, "name": "t", "site": {"url": "https://x.example", "cdn": "cloudflare", "php": 8.2},
                 "facts": [
                   {"type": "http", "status": 502, "headers": {"Server": "cloudflare", "CF-RAY": "1-FRA"}, "path": "through-cdn", "latencyMs": 30},
                   {"type": "log", "source": "nginx-error", "line": "x", "at": "2024-03-01T10:00:00Z"},
                   {"type": "metric", "name": "cpu.utilization", "value": 0.9},
                   {"type": "config", "name": "php.memory_limit", "value": "128M"},
                   {"type": "config", "name": "php-fpm.pm.max_children", "value": 5},
                   {"type": "event", "kind": "plugin-updated", "subject": "akismet"},
                   {"type": "observation", "name": "retry-succeeds", "value": true},
                   {"type": "observation", "name": "incidents-last-30-days", "value": 4}
                 ],
                 "expect": {"causes": ["x"], "notCauses": ["y"], "culprit": "z"}}
                """);
        assertThat(fs.facts()).hasSize(8);
        assertThat(fs.site().php()).isEqualTo("8.2");
        HttpResponse http = (HttpResponse) fs.facts().get(0);
        assertThat(http.header("server")).isEqualTo("cloudflare");
        assertThat(http.cdn()).isEqualTo("cloudflare");
        assertThat(((LogLine) fs.facts().get(1)).at()).hasToString("2024-03-01T10:00:00Z");
        assertThat(((ConfigValue) fs.facts().get(3)).bytes()).isEqualTo(134217728L);
        assertThat(((ConfigValue) fs.facts().get(4)).value()).isEqualTo("5");
        assertThat(((Observation) fs.facts().get(6)).value()).isEqualTo("true");
        assertThat(((Observation) fs.facts().get(7)).number()).isEqualTo(4.0);
        assertThat(fs.expect().culprit()).isEqualTo("z");
        assertThat(fs.warnings()).isEmpty();
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        FactSetException e = rejected("{\"factset\": 1,\n  \"facts\": [\n    {\"type\": \"http\" \"status\": 502}\n  ]\n}");
        assertThat(e.file()).isEqualTo("case.json");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(21);
        assertThat(e.getMessage()).startsWith("case.json:3:21: not valid JSON: ");
    }

    @Test
    void truncatedDocumentIsRejected() {
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"sou").getMessage())
                .startsWith("case.json:1:").contains("not valid JSON");
    }

    @Test
    void missingFactsNamesThePointer() {
        FactSetException e = rejected("{\"factset\": 1}");
        assertThat(e.pointer()).isEqualTo("/facts");
        assertThat(e.getMessage()).isEqualTo("case.json:1:1: at /facts: expected the field \"facts\" (a list of observations, may be empty); it is missing");
    }

    @Test
    void unknownVersionIsRejected() {
        assertThat(rejected("{\"factset\": 2, \"facts\": []}").getMessage())
                .isEqualTo("case.json:1:13: at /factset: expected format version 1, found 2 (this version of GatewayDoctor reads version 1 only)");
    }

    @Test
    void factWithoutTypeOrRequiredFieldIsRejectedWithItsPlace() {
        assertThat(rejected("{\"factset\": 1, \"facts\": [\n {\"status\": 502}]}").getMessage())
                .isEqualTo("case.json:2:2: at /facts/0/type: expected the field \"type\" (http, log, metric, config, event, observation, tried); it is missing");
        FactSetException wrongType = rejected("{\"factset\": 1, \"facts\": [\n {\"type\": \"http\",\n  \"status\": \"502\"}]}");
        assertThat(wrongType.pointer()).isEqualTo("/facts/0/status");
        assertThat(wrongType.line()).isEqualTo(3);
        assertThat(wrongType.problem()).isEqualTo("expected an HTTP status code 100..599, found \"502\"");
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"source\": \"nginx-error\"}]}").problem())
                .isEqualTo("expected the field \"line\" (a string); it is missing");
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"metric\", \"name\": \"cpu.utilization\", \"value\": \"high\"}]}").problem())
                .isEqualTo("expected a number, found \"high\"");
    }

    @Test
    void badTimesAndStatusesAreRejected() {
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"event\", \"kind\": \"deploy\", \"at\": \"yesterday\"}]}").problem())
                .startsWith("expected an ISO-8601 time");
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"http\", \"status\": 1000}]}").problem())
                .isEqualTo("expected an HTTP status code 100..599, found 1000");
    }

    @Test
    void unknownFieldsAndFactTypesAreWarningsNotErrors() throws Exception {
        FactSet fs = reader.read("w.json", "{\"factset\": 1, \"tool\": \"x\", \"facts\": [{\"type\": \"trace\", \"id\": 1},"
                + " {\"type\": \"log\", \"source\": \"nginx\", \"line\": \"x\"}]}");
        assertThat(fs.facts()).hasSize(1);
        assertThat(fs.warnings()).containsExactly("ignored unknown top-level field \"tool\"",
                "ignored fact /facts/0 of unknown type \"trace\"",
                "log source \"nginx\" at /facts/1 is not one of the spec's sources; the line is read all the same");
    }

    @Test
    void expectExtensionsAreReadAndUnknownExpectFieldsWarned() throws Exception {
        FactSet fs = reader.read("e.json", "{\"factset\": 1, \"facts\": [], \"expect\": {\"causes\": [\"a\", \"b\"],"
                + " \"alsoProbable\": [\"b\"], \"tags\": [\"hard\"], \"rank\": 1}}");
        assertThat(fs.expect().alsoProbable()).containsExactly("b");
        assertThat(fs.expect().tagsOrEmpty()).containsExactly("hard");
        assertThat(fs.warnings()).singleElement().asString().contains("expect.rank");
        assertThat(rejected("{\"factset\": 1, \"facts\": [], \"expect\": {\"tags\": \"hard\"}}").problem())
                .isEqualTo("expected a list of ids, found the string \"hard\"");
    }

    @Test
    void aSiteTimezoneIsReadAndABadOneRefused() throws Exception {
        FactSet fs = reader.read("z.json", "{\"factset\": 1, \"site\": {\"timezone\": \"Europe/Berlin\"}, \"facts\": []}");
        assertThat(fs.site().zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(fs.warnings()).isEmpty();
        assertThat(rejected("{\"factset\": 1, \"site\": {\"timezone\": \"Mars/Olympus\"}, \"facts\": []}").problem())
                .isEqualTo("expected a time zone such as Europe/Berlin or +02:00, found \"Mars/Olympus\"");
    }

    @Test
    void aLogFactMayCarryACountAndTheTimeOfTheLastLine() throws Exception {
        FactSet fs = reader.read("c.json", "{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"source\": \"php-fpm\", \"line\": \"x\","
                + " \"count\": 1532, \"lastAt\": \"2024-03-01T12:59:58Z\", \"examples\": [\"y\", \"z\"]}]}");
        LogLine line = (LogLine) fs.facts().get(0);
        assertThat(line.examples()).containsExactly("y", "z");
        assertThat(line.count()).isEqualTo(1532);
        assertThat(line.lastAt()).isEqualTo(java.time.Instant.parse("2024-03-01T12:59:58Z"));
        assertThat(rejected("{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"source\": \"php-fpm\", \"line\": \"x\", \"count\": 0}]}").problem())
                .startsWith("expected how many lines said this: a whole number of 1 or more");
        FactSetException notLines = rejected("{\"factset\": 1, \"facts\": [{\"type\": \"log\", \"source\": \"php-fpm\", \"line\": \"x\","
                + " \"examples\": [\"y\", 3]}]}");
        assertThat(notLines.pointer()).isEqualTo("/facts/0/examples/1");
        assertThat(notLines.problem()).isEqualTo("expected a log line (a string), found the number 3");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(rejected("{\"factset\": 1, \"facts\": [], \"facts\": []}").getMessage()).contains("Duplicate field 'facts'");
    }

    @Test
    void binaryAndInvalidUtf8AreRejectedAsSuch() {
        assertThatThrownBy(() -> reader.read("bin.json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}))
                .isInstanceOf(FactSetException.class)
                .hasMessage("bin.json: expected UTF-8 text; the file holds invalid UTF-8 (binary data?)");
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "{\"factset\": 1, \"facts\": [" + "[".repeat(5000) + "]".repeat(5000) + "]}";
        assertThat(rejected(deep).getMessage()).contains("not valid JSON").contains("nesting depth");
    }

    @Test
    void emptyDocumentAndMissingFileAreClear() {
        assertThat(rejected("").getMessage()).contains("the document is empty");
        assertThatThrownBy(() -> reader.read(Path.of("does/not/exist.json")))
                .hasMessage("does/not/exist.json: no such file");
        assertThat(rejected("[1, 2]").getMessage()).isEqualTo("case.json:1:1: at /: expected a JSON object with \"factset\" and \"facts\", found a list");
    }

    @Test
    void readsUtf8Bytes() throws Exception {
        FactSet fs = reader.read("u.json", "{\"factset\": 1, \"name\": \"caf\u00e9\", \"facts\": []}".getBytes(StandardCharsets.UTF_8));
        assertThat(fs.name()).isEqualTo("caf\u00e9");
    }
}
