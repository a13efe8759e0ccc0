package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.TestCli;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.service.DiagnosisServer;
import dev.gatewaydoctor.service.ServiceSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Outcomes flow back: a confirmed case of the service becomes a fact-set file that replay --score scores. */
class CasesExportTest {

    private static String post(HttpClient http, int port, String path, String json) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.body();
    }

    @Test
    void aConfirmedCaseIsExportedWithItsOutcomeAndScoredByReplay(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String confirmed;
        try (var server = DiagnosisServer.start(ServiceSettings.defaults().withPort(0).withDataDir(data), WritableRules.REFUSE, m -> { })) {
            var http = HttpClient.newHttpClient();
            String sample = Files.readString(Path.of("facts-samples/php-fpm-pool-exhausted.json"));
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{32})\"").matcher(post(http, server.port(), "/api/v1/diagnoses", sample));
            assertThat(id.find()).isTrue();
            confirmed = id.group(1);
            post(http, server.port(), "/api/v1/diagnoses/" + confirmed + "/outcome",
                    "{\"fix\": \"tune-php-fpm-pool\", \"cause\": \"php-fpm-pool-exhausted\", \"note\": \"pm.max_children 5 -> 20\"}");
            post(http, server.port(), "/api/v1/diagnoses", sample); // no outcome: not exported
        }
        Path out = dir.resolve("confirmed");
        var run = TestCli.run("cases", "export", "--confirmed", out.toString(), "--data", data.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 confirmed case(s) written to " + out);
        Path file = out.resolve("case-" + confirmed + ".json");
        FactSet exported = new FactSetReader().read(file);
        assertThat(exported.expect().causes()).containsExactly("php-fpm-pool-exhausted");
        assertThat(exported.expect().fixes()).containsExactly("tune-php-fpm-pool");
        assertThat(exported.provenance().url()).isEqualTo("gatewaydoctor:case:" + confirmed);
        assertThat(exported.provenance().basis()).contains("tune-php-fpm-pool fixed it").contains("pm.max_children 5 -> 20");
        var score = TestCli.run("replay", "--score", out.toString());
        assertThat(score.code()).as(score.err()).isZero();
        assertThat(score.out()).containsPattern("\\| all \\| 1 \\| 100% \\|");
    }

    @Test
    void withoutACaseStoreItSaysWhereItLookedAndExitsTwo(@TempDir Path dir) {
        var run = TestCli.run("cases", "export", "--confirmed", dir.resolve("out").toString(), "--data", dir.resolve("nowhere").toString());
        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("no case store in " + dir.resolve("nowhere")).contains("--data").contains("--database");
    }
}
