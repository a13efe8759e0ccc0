package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.engine.RuleFaultException;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.RulesException;
import dev.gatewaydoctor.knowledge.WritableRules;
import dev.gatewaydoctor.privacy.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnoses fact-set JSON files: ranked causes with their evidence, ranked fixes with their steps.",
                "Rules: --rules DIR, else ./rules when present, else the rules bundled in the jar."},
        footer = {"", "Exit codes: 0 all diagnosed, 2 bad input (the other files are still diagnosed), 3 bad rules."})
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "fact-set JSON files (format: factset v1)")
    List<Path> files;

    @Option(names = "--json", description = "print one JSON object per file, one per line (JSON Lines)")
    boolean json;

    @Option(names = "--rules", paramLabel = "DIR", description = "the rules directory to use")
    Path rulesDir;

    @Option(names = "--allow-writable-rules", description = "use a rules directory that other users may write to (rules run as code)")
    boolean allowWritableRules;

    @Option(names = "--no-redact", description = "keep visitors' data in the output (client IPs, e-mail addresses, cookies, tokens, "
            + "database users); by default they are replaced by placeholders")
    boolean noRedact;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnoser doctor;
        try {
            doctor = RulesChoice.open(rulesDir, allowWritableRules);
        } catch (RulesException e) {
            RulesProblems.print(err, e);
            return ExitCode.BAD_RULES;
        }
        err.println("rules: " + doctor.rulesSource() + " (version " + doctor.rulesVersion() + (doctor.knowledge().precompiled() ? ", precompiled" : ", compiled from DRL") + ")");

        var reader = new FactSetReader();
        int exit = ExitCode.OK;
        for (Path file : files) {
            try {
                FactSet facts = reader.read(file);
                Diagnosis d = doctor.diagnose(facts);
                if (!noRedact) d = Redactor.redact(d);
                if (json) out.println(JsonReport.line(file.toString(), d));
                else TextReport.print(out, file.toString(), d);
            } catch (FactSetException e) {
                exit = Math.max(exit, ExitCode.BAD_INPUT);
                report(out, err, file, doctor, e.getMessage());
            } catch (RuleFaultException e) {
                exit = ExitCode.BAD_RULES;
                report(out, err, file, doctor, e.getMessage());
            }
            out.flush();
        }
        return exit;
    }

    private void report(PrintWriter out, PrintWriter err, Path file, Diagnoser doctor, String message) {
        err.println("gatewaydoctor: " + message);
        if (json) out.println(JsonReport.error(file.toString(), doctor, message));
    }

    /** Which rules the CLI uses, and that it says which. */
    static final class RulesChoice {
        private RulesChoice() {
        }

        static Diagnoser open(Path explicit, boolean allowWritable) throws RulesException {
            WritableRules writable = allowWritable ? WritableRules.ALLOW : WritableRules.REFUSE;
            if (explicit != null) return Diagnoser.fromDirectory(explicit, writable);
            Path local = Path.of("rules");
            if (Files.isRegularFile(local.resolve("causes.yaml"))) return Diagnoser.fromDirectory(local, writable);
            return Diagnoser.withBundledRules();
        }
    }
}
