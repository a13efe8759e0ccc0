package dev.gatewaydoctor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The command line: {@code java -jar gatewaydoctor.jar diagnose FILE...}. */
@Command(name = "gatewaydoctor", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds out why a site answers 502 Bad Gateway (or 503, 504, 520-526), and what to do about it first.",
        footer = {"", "Exit codes: 0 done, 1 replay: a sample failed, 2 bad input, 3 bad rules."})
public final class Main implements Runnable {

    /**
     * The subcommands, in the order the help lists them. Only the one a command line names is built: picocli
     * reads every option of every command it is given by reflection, which was a tenth of a diagnosis's start.
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> COMMANDS = commands();

    private static java.util.Map<String, java.util.function.Supplier<Object>> commands() {
        var m = new java.util.LinkedHashMap<String, java.util.function.Supplier<Object>>();
        m.put("diagnose", DiagnoseCommand::new);
        m.put("replay", ReplayCommand::new);
        m.put("rules", RulesCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("cases", CasesCommand::new);
        return java.util.Collections.unmodifiableMap(m);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(new Main());
        var named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) cli.addSubcommand(args[0], named.get());
        else COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get())); // the help, or a mistyped name's suggestions
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gatewaydoctor: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try 'gatewaydoctor --help'.");
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug of ours, not the user's input: say so in one line, without a stack trace.
            err.println("gatewaydoctor: internal error: " + e);
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            var p = new Properties();
            try (InputStream in = Main.class.getClassLoader().getResourceAsStream("gatewaydoctor/version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"gatewaydoctor " + p.getProperty("version", "unknown")};
        }
    }
}
