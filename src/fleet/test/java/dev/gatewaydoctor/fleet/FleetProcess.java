package dev.gatewaydoctor.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The program in a JVM of its own ({@code FleetMain --config FILE}, the test's class path), so that a test can stop it
 * as the system stops a process: SIGTERM runs its shutdown hook, SIGKILL leaves nothing a chance to close.
 */
final class FleetProcess {

    private FleetProcess() {
    }

    static Process start(FleetSettings settings, Path log) throws IOException {
        Path config = log.resolveSibling(log.getFileName() + ".properties");
        var p = new Properties();
        p.putAll(settings.asMap());
        try (var w = Files.newBufferedWriter(config)) {
            p.store(w, null);
        }
        // Surefire starts its JVM from a manifest-only jar; the real class path is in this property.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                // Kafka's warnings and the program's own lines (its state changes), as the shipped jar logs them.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.dev.gatewaydoctor.fleet=info",
                "-cp", cp, FleetMain.class.getName(), "--config", config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
