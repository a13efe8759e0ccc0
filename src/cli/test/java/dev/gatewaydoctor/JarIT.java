package dev.gatewaydoctor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the shipped jar as a user would, from a directory without rules/, so that the bundled rules serve. */
class JarIT {

    private static final Path JAR = Path.of("target/gatewaydoctor.jar").toAbsolutePath();

    record Result(int code, String out, String err) {
    }

    private static Result java(Path dir, String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void diagnosesASampleWithTheBundledRules() throws Exception {
        Path dir = Files.createTempDirectory("jar-it");
        Path sample = Path.of("facts-samples/php-memory-exhausted.json").toAbsolutePath();
        Result r = java(dir, "diagnose", "--json", sample.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("rules: bundled (version ").contains(", precompiled)");
        assertThat(r.err()).doesNotContain("SLF4J", "Exception");
        assertThat(r.out()).contains("\"source\":\"bundled\"", "\"id\":\"php-memory-exhausted\"", "\"id\":\"increase-memory-limit\"");
    }

    @Test
    void badInputExitsTwoWithoutAStackTrace() throws Exception {
        Path dir = Files.createTempDirectory("jar-it");
        Files.writeString(dir.resolve("broken.json"), "{\"factset\": 1, \"facts\": [");
        Result r = java(dir, "diagnose", "broken.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.json:1:").doesNotContain("\tat ");
    }

    @Test
    void versionAndHelp() throws Exception {
        Path dir = Files.createTempDirectory("jar-it");
        assertThat(java(dir, "--version").out()).startsWith("gatewaydoctor 0.");
        assertThat(java(dir, "--help").out()).contains("diagnose");
    }
}
