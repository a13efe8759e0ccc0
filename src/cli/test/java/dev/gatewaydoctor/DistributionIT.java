package dev.gatewaydoctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution archive installed as a user would (unpacked somewhere else), run through its
 * launcher: the first run makes the class-data archive for that place and this Java, the next runs map
 * it (a run that insists on it, -Xshare:on, starts), and a moved install makes its own.
 */
@DisabledOnOs(OS.WINDOWS)
class DistributionIT {

    private static final Path ARCHIVE = Path.of("target/gatewaydoctor-0.1.0-SNAPSHOT.tar.gz").toAbsolutePath();
    private static final String SAMPLE = Path.of("facts-samples/php-memory-exhausted.json").toAbsolutePath().toString();

    record Result(int code, String out, String err) {
    }

    private static Result run(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        var pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within two minutes").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path install(Path into) throws Exception {
        Files.createDirectories(into);
        assertThat(run(into, Map.of(), "tar", "xzf", ARCHIVE.toString()).code()).isZero();
        return into.resolve("gatewaydoctor-0.1.0-SNAPSHOT");
    }

    @Test
    void theLauncherMakesItsArchiveWhereItIsInstalledAndStartsFromIt(@TempDir Path tmp) throws Exception {
        Path home = install(tmp.resolve("opt"));
        String launcher = home.resolve("bin/gatewaydoctor").toString();
        assertThat(home.resolve("lib/gatewaydoctor.jsa")).as("the archive ships without a class-data archive").doesNotExist();

        Result first = run(tmp, Map.of(), launcher, "diagnose", "--json", SAMPLE);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"id\":\"php-memory-exhausted\"");
        assertThat(first.err()).startsWith("rules: bundled (version ").doesNotContain("cds", "warning", "Exception");
        assertThat(home.resolve("lib/gatewaydoctor.jsa")).exists();
        assertThat(Files.readString(home.resolve("lib/gatewaydoctor.jsa.for"))).startsWith(home.toRealPath() + " ");

        Path loaded = tmp.resolve("classes.log");
        Result mapped = run(tmp, Map.of("JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + loaded), launcher, "diagnose", "--json", SAMPLE);
        assertThat(mapped.code()).as("a start that insists on the archive: %s", mapped.err()).isZero();
        assertThat(mapped.out()).isEqualTo(first.out());
        // picocli is compiled for Java 5, whose classes only a static archive holds in Java 17.
        assertThat(Files.readString(loaded)).as("the CLI's classes come from the archive")
                .contains("picocli.CommandLine source: shared objects file", "dev.gatewaydoctor.cli.Main source: shared objects file");

        Path moved = tmp.resolve("elsewhere");
        Files.move(home, moved);
        Result afterMove = run(tmp, Map.of(), moved.resolve("bin/gatewaydoctor").toString(), "diagnose", "--json", SAMPLE);
        assertThat(afterMove.code()).as(afterMove.err()).isZero();
        assertThat(Files.readString(moved.resolve("lib/gatewaydoctor.jsa.for"))).startsWith(moved.toRealPath() + " ");

        // A jar replaced in place (an upgrade unpacked over the install): the old archive no longer matches it,
        // and the JVM would ignore it in silence; the launcher makes a new one.
        Path jar = moved.resolve("lib/gatewaydoctor.jar");
        String before = Files.readString(moved.resolve("lib/gatewaydoctor.jsa.for"));
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000));
        Result afterUpgrade = run(tmp, Map.of(), moved.resolve("bin/gatewaydoctor").toString(), "diagnose", "--json", SAMPLE);
        assertThat(afterUpgrade.code()).as(afterUpgrade.err()).isZero();
        assertThat(Files.readString(moved.resolve("lib/gatewaydoctor.jsa.for"))).isNotEqualTo(before);
        Result remapped = run(tmp, Map.of("JAVA_OPTS", "-Xshare:on"), moved.resolve("bin/gatewaydoctor").toString(), "diagnose", "--json", SAMPLE);
        assertThat(remapped.code()).as("a start that insists on the new archive: %s", remapped.err()).isZero();
    }

    @Test
    void theLauncherPassesArgumentsAndExitCodesThrough(@TempDir Path tmp) throws Exception {
        Path home = install(tmp.resolve("opt"));
        String launcher = home.resolve("bin/gatewaydoctor").toString();
        Result missing = run(tmp, Map.of("GATEWAYDOCTOR_NO_ARCHIVE", "1"), launcher, "diagnose", "no such file.json");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file.json");
        assertThat(home.resolve("lib/gatewaydoctor.jsa")).as("GATEWAYDOCTOR_NO_ARCHIVE makes none").doesNotExist();
        assertThat(run(tmp, Map.of(), launcher, "--version").out()).startsWith("gatewaydoctor 0.");
    }
}
