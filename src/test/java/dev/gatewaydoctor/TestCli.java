package dev.gatewaydoctor;

import dev.gatewaydoctor.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in the test's JVM and keeps what it printed. */
public final class TestCli {

    /** Exit code, standard output and standard error of one run. */
    public record Run(int code, String out, String err) {
    }

    private TestCli() {
    }

    public static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
