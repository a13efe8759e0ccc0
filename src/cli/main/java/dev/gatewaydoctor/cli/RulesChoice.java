package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.WritableRules;
import dev.gatewaydoctor.engine.DiagnoserAccess;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which rules the CLI uses, and that it says which. */
final class RulesChoice {

    private RulesChoice() {
    }

    /** --rules DIR, else ./rules when present, else the rules bundled in the jar. */
    private static Diagnoser open(Path explicit, WritableRules writable) throws RulesException {
        Path dir = directory(explicit);
        return dir != null ? Diagnoser.fromDirectory(dir, writable) : Diagnoser.withBundledRules();
    }

    /** The rules directory {@link #open} would use: --rules DIR, else ./rules when present; null for the bundled rules. */
    static Path directory(Path explicit) {
        if (explicit != null) return explicit;
        Path local = Path.of("rules");
        return Files.isRegularFile(local.resolve("causes.yaml")) ? local : null;
    }

    /** The rules as {@link #open} finds them, or null once their problems are printed on {@code err} (exit 3). */
    static Diagnoser openOrReport(Path explicit, WritableRules writable, PrintWriter err) {
        try {
            return open(explicit, writable);
        } catch (RulesException e) {
            RulesProblems.print(err, e);
            return null;
        }
    }

    /** One line on standard error: which rules, which version, and how they were loaded. */
    static void announce(PrintWriter err, Diagnoser doctor) {
        err.println("rules: " + doctor.rulesSource() + " (version " + doctor.rulesVersion()
                + (DiagnoserAccess.knowledge(doctor).precompiled() ? ", precompiled" : ", compiled from DRL") + ")");
    }

    /** {@code --allow-writable-rules}, for every command that loads a rules directory. */
    static final class WritableOption {

        @Option(names = "--allow-writable-rules", description = "use a rules directory that other users may write to "
                + "(rules run as code: docs/security.md)")
        boolean allow;

        WritableRules writable() {
            return allow ? WritableRules.ALLOW : WritableRules.REFUSE;
        }
    }
}
