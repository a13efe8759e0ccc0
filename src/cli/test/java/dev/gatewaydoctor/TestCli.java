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

    /** {@code diagnose --rules rules OPTIONS... FILE}: one file with the project's rules. */
    public static Run diagnose(java.nio.file.Path file, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "diagnose";
        args[1] = "--rules";
        args[2] = "rules";
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = file.toString();
        return run(args);
    }

    public static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
