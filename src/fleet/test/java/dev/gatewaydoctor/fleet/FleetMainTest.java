package dev.gatewaydoctor.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The program's command line: --help documents every setting; bad settings and rules are clear errors with their exit codes. */
class FleetMainTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = FleetMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEverySettingWithItsDefault() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        for (var s : FleetSettings.DOCUMENTED) {
            assertThat(r.out()).contains(s.key()).contains(s.meaning().substring(0, 30));
            if (s.defaultValue() != null) assertThat(r.out()).contains("(" + s.defaultValue() + ")");
        }
        assertThat(r.out()).contains("--config=FILE").contains("Exit codes");
    }

    @Test
    void badSettingsAreOneLineNamingTheFileAndTheKeyWithExitCode2(@TempDir Path tmp) throws Exception {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run().err()).contains("Missing required option: '--config=FILE'");

        Path missing = tmp.resolve("nope.properties");
        assertThat(run("--config", missing.toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("gatewaydoctor-fleet: " + missing + ": no such file" + System.lineSeparator());
        });

        Path typo = Files.writeString(tmp.resolve("typo.properties"), "bootstrap.servers=localhost:9092\nwindow.sise=PT5M\n");
        assertThat(run("--config", typo.toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains(typo + ": unknown setting window.sise").doesNotContain("Exception").doesNotContain("\tat ");
        });

        Path noBrokers = Files.writeString(tmp.resolve("empty.properties"), "# nothing\n");
        assertThat(run("--config", noBrokers.toString()).err()).contains(noBrokers + ": bootstrap.servers is required");

        Path badWindow = Files.writeString(tmp.resolve("window.properties"), "bootstrap.servers=b:9092\nwindow.size=ten minutes\n");
        assertThat(run("--config", badWindow.toString()).err()).contains("window.size is not a duration: ten minutes (ISO-8601, e.g. PT10M, PT1H)");

        Path uneven = Files.writeString(tmp.resolve("uneven.properties"), "bootstrap.servers=b:9092\nwindow.bucket=PT7M\n");
        assertThat(run("--config", uneven.toString()).err()).contains("window.size must be a whole number of window.bucket (PT7M)");

        Path badMetrics = Files.writeString(tmp.resolve("metrics.properties"), "bootstrap.servers=b:9092\nmetrics.address=9464\n");
        assertThat(run("--config", badMetrics.toString()).err()).contains("metrics.address is not host:port: 9464 (e.g. 0.0.0.0:9464, 127.0.0.1:9464)");
    }

    @Test
    void rulesThatCannotBeUsedExitWith3NamingTheFileLineAndColumn(@TempDir Path tmp) {
        // Through the loader: a rules directory that is not there.
        Path config;
        try {
            config = Files.writeString(tmp.resolve("fleet.properties"), "bootstrap.servers=localhost:9092\nrules.dir=" + tmp.resolve("nope") + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run r = run("--config", config.toString(), "--check");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("gatewaydoctor-fleet: the rules in " + tmp.resolve("nope") + " cannot be used:" + System.lineSeparator()
                + "  " + tmp.resolve("nope") + ": error: not a directory" + System.lineSeparator());

        // Problems of a compilation, as the loader reports them (compiling broken DRL here would cost the test seconds;
        // the library's own tests break real rules).
        var err = new StringWriter();
        FleetMain.printProblems(new PrintWriter(err, true), new dev.gatewaydoctor.RulesException("rules", java.util.List.of(
                new dev.gatewaydoctor.RuleProblem("causes/disk-full.drl", 58, 1, "mismatched input 'end' in rule \"broken\""),
                new dev.gatewaydoctor.RuleProblem("causes.yaml", 0, 0, "no cause disk-ful"))));
        assertThat(err.toString().lines()).containsExactly("gatewaydoctor-fleet: the rules in rules cannot be used:",
                "  causes/disk-full.drl:58:1: error: mismatched input 'end' in rule \"broken\"", "  causes.yaml: error: no cause disk-ful");
    }

    @Test
    void feedingBrokersThatDoNotAnswerSaysWhatWasNotDeliveredWithExitCode1(@TempDir Path tmp) throws Exception {
        // Nothing listens on port 1; kafka.max.block.ms keeps the wait short (15 s by default).
        Path config = Files.writeString(tmp.resolve("fleet.properties"), "bootstrap.servers=localhost:1\nkafka.max.block.ms=1500\n");
        Path log = Files.writeString(tmp.resolve("error.log"), "2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock"
                + " failed (11: Resource temporarily unavailable) while connecting to upstream\n");
        Run r = run("feed", "--config", config.toString(), "--site", "shop-1", "--source", "nginx-error", log.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("1 of 1 records not delivered to gatewaydoctor.logs on localhost:1", "after 1500 ms")
                .doesNotContain("internal error");
    }

    @Test
    void checkReadsTheSettingsAndLoadsTheRulesWithoutABroker(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("fleet.properties"), "bootstrap.servers=localhost:9092\nkafka.num.stream.threads=2\n");
        Run r = run("--config", config.toString(), "--check");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("rules bundled (version ")
                .contains("reads gatewaydoctor.logs and gatewaydoctor.events from localhost:9092");
        FleetSettings s = FleetSettings.load(config);
        assertThat(FleetTopology.streamsConfig(s)).containsEntry("processing.guarantee", "exactly_once_v2").containsEntry("num.stream.threads", "2");
        // A tick's burst of diagnoses must fit in one transaction (FleetBrokerTest's burst): 60 s unless kafka.* says.
        assertThat(new org.apache.kafka.streams.StreamsConfig(FleetTopology.streamsConfig(s)).getProducerConfigs("p"))
                .containsEntry("transaction.timeout.ms", 60_000);
        var given = s.with(java.util.Map.of("kafka.transaction.timeout.ms", "20000"));
        assertThat(new org.apache.kafka.streams.StreamsConfig(FleetTopology.streamsConfig(given)).getProducerConfigs("p"))
                .containsEntry("transaction.timeout.ms", "20000");
    }
}
