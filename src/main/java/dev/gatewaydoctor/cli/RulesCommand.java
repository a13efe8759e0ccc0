package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.knowledge.CausesDocument;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import dev.gatewaydoctor.knowledge.RulesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Commands for the people who write the rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work with a rules directory.",
        subcommands = {RulesCommand.Doc.class})
final class RulesCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "doc", mixinStandardHelpOptions = true,
            description = {"Prints docs/causes.md for a rules directory: every cause, its rules and weights, every fix.",
                    "Usage in the repository: " + CausesDocument.REGENERATE},
            footer = {"", "Exit codes: 0 printed, 3 the rules do not compile."})
    static final class Doc implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the rules directory (default: ./rules)")
        Path dir = Path.of("rules");

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Knowledge k;
            try {
                k = KnowledgeLoader.fromDirectory(dir);
            } catch (RulesException e) {
                err.println("gatewaydoctor: the rules in " + e.source() + " cannot be used:");
                e.problems().forEach(p -> err.println("  " + p));
                return ExitCode.BAD_RULES;
            }
            out.print(CausesDocument.render(k));
            out.flush();
            return ExitCode.OK;
        }
    }
}
