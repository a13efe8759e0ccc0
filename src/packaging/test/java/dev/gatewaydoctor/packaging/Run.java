package dev.gatewaydoctor.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One run of the packaged application, as a service's start script would run it, on a shipped sample. */
record Run(int code, String out, String err) {

    /** The built module's target directory and the jars' base name (the failsafe configuration gives them). */
    static final Path TARGET = Path.of(System.getProperty("packaging.dir", "src/packaging/target")).toAbsolutePath();
    static final String NAME = System.getProperty("packaging.name", "gatewaydoctor-packaging-tests-0.1.0-SNAPSHOT");
    static final Path SAMPLE = Path.of("facts-samples/php-memory-exhausted.json").toAbsolutePath();

    static Path jar(String classifier) {
        Path jar = TARGET.resolve(NAME + "-" + classifier + ".jar");
        assertThat(jar).as("built by mvn verify -Ppackaging").isRegularFile();
        return jar;
    }

    /** {@code java ARGS... SAMPLE}, from an empty directory, so that nothing but the class path serves rules. */
    static Run java(String... args) throws IOException, InterruptedException {
        var cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(args));
        cmd.add(SAMPLE.toString());
        Path dir = Files.createTempDirectory("packaging-it");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path work = Files.createDirectory(dir.resolve("work"));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within two minutes").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The right cause, from the bundled rules' precompiled model, loaded by the given class loader. */
    void diagnosedWithPrecompiledBundledRules(String classLoader) {
        assertThat(code()).as(out() + err()).isZero();
        assertThat(out()).contains("cause=php-memory-exhausted\n")
                .containsPattern("rules=bundled [0-9a-f]{12} precompiled\n")
                .contains("loader=" + classLoader + "\n");
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }
}
