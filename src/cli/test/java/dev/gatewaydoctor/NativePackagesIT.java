package dev.gatewaydoctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-contained image and the .deb of {@code mvn package -Pnative} (src/cli/dist/native-packages.sh), run
 * as installed, with no Java of the machine's: the image's launcher on its own runtime, and the package unpacked
 * as dpkg would install it. Only with the profile, which sets gatewaydoctor.native.
 */
@EnabledIfSystemProperty(named = "gatewaydoctor.native", matches = "true")
class NativePackagesIT {

    private static final String SAMPLE = Path.of("facts-samples/php-memory-exhausted.json").toAbsolutePath().toString();

    private static String[] run(Path dir, String... cmd) throws Exception {
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        var pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().put("PATH", "/usr/bin:/bin"); // no java of the build's on the way
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within two minutes").isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void theImageRunsOnItsOwnRuntime(@TempDir Path tmp) throws Exception {
        Path image = Path.of("target/gatewaydoctor-image").toAbsolutePath();
        assertThat(image.resolve("runtime/bin/java")).isExecutable();
        String[] r = run(tmp, image.resolve("bin/gatewaydoctor").toString(), "diagnose", "--json", SAMPLE);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("\"id\":\"php-memory-exhausted\"");
        String[] version = run(tmp, image.resolve("runtime/bin/java").toString(), "--list-modules");
        assertThat(version[1]).contains("java.base").doesNotContain("jdk.jshell");
    }

    @Test
    void theDebInstallsACommandThatDiagnoses(@TempDir Path tmp) throws Exception {
        List<Path> debs;
        try (var files = Files.list(Path.of("target"))) {
            debs = files.filter(p -> p.getFileName().toString().matches("gatewaydoctor_.*_amd64\\.deb")).toList();
        }
        assertThat(debs).as("the .deb (jpackage, fakeroot and dpkg-deb are on this machine)").hasSize(1);
        String[] info = run(tmp, "dpkg-deb", "--field", debs.get(0).toAbsolutePath().toString(), "Package", "Version");
        assertThat(info[1]).contains("Package: gatewaydoctor").contains("Version: 0.1.0");
        Path root = tmp.resolve("root");
        assertThat(run(tmp, "dpkg-deb", "-x", debs.get(0).toAbsolutePath().toString(), root.toString())[0]).isEqualTo("0");
        String[] r = run(tmp, root.resolve("opt/gatewaydoctor/bin/gatewaydoctor").toString(), "diagnose", "--json", SAMPLE);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("\"id\":\"php-memory-exhausted\"");
    }
}
