package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.engine.DiagnoserAccess;
import dev.gatewaydoctor.knowledge.CausesDocument;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.KnowledgeLoader;
import dev.gatewaydoctor.replay.Replay;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Commands for the people who write the rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Check a rules directory, or print its document.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Doc.class})
final class RulesCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compiles the rules and the fix knowledge and reports every problem as path:line:column: message:",
                    "DRL syntax, an unknown fact type or field, a fix or rule naming an unknown cause, a cause no fix treats,",
                    "a weight outside -4..+4, a duplicate rule name. Warnings (a rule no sample fires) do not fail."},
            footer = {"", "Exit codes: 0 the rules are sound (warnings allowed), 2 bad arguments, 3 the rules are broken."})
    static final class Check implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the rules directory (default: ./rules)")
        Path dir = Path.of("rules");

        @Mixin
        RulesChoice.WritableOption writableRules;

        @Option(names = "--samples", paramLabel = "DIR",
                description = "sample fact sets, sub-directories included, to find rules no sample fires (default: facts-samples beside DIR, when present)")
        Path samples;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Knowledge k;
            try {
                k = KnowledgeLoader.fromDirectory(dir, writableRules.writable());
            } catch (RulesException e) {
                for (RuleProblem p : e.problems()) out.println(RulesProblems.located(e.source(), p, "error"));
                out.println(e.problems().size() + (e.problems().size() == 1 ? " error" : " errors") + " in " + e.source()
                        + ": the rules cannot be used until they are fixed");
                return ExitCode.BAD_RULES;
            }
            var warnings = new ArrayList<>(k.warnings());
            Path sampleDir = samples != null ? samples : siblingSamples(dir);
            int replayed = 0;
            if (sampleDir != null) {
                if (!Files.isDirectory(sampleDir)) {
                    err.println("gatewaydoctor: --samples " + sampleDir + " is not a directory");
                    return ExitCode.BAD_INPUT;
                }
                Diagnoser doctor = DiagnoserAccess.of(k);
                var results = new ArrayList<Replay.Result>();
                // The real incidents in sub-directories (facts-samples/real) count for coverage too: a rule a
                // real case fires is shown by evidence nobody wrote for it.
                for (Path p : Replay.samplesBelow(sampleDir)) results.add(Replay.replay(doctor, p));
                replayed = results.size();
                // A sample that reads but cannot be diagnosed met a rule that threw or weighed out of range: that
                // is the rules' fault, and the sample that shows it is named.
                var faults = results.stream().filter(Replay.Result::ruleFault).toList();
                if (!faults.isEmpty()) {
                    for (Replay.Result r : faults) out.println(r.file() + ": error: " + r.error());
                    out.println(faults.size() + (faults.size() == 1 ? " sample meets a rule fault" : " samples meet rule faults") + " in "
                            + k.source() + ": the rules cannot be used until they are fixed");
                    return ExitCode.BAD_RULES;
                }
                // A metric or config name the rules wait for that no sample or incident gives is likely misspelt.
                var given = new java.util.HashMap<String, java.util.Set<String>>();
                for (Replay.Result r : results) {
                    if (r.facts() == null) continue;
                    for (var f : r.facts().facts()) {
                        if (f instanceof dev.gatewaydoctor.facts.Metric m) given.computeIfAbsent("metric", x -> new java.util.TreeSet<>()).add(m.name());
                        if (f instanceof dev.gatewaydoctor.facts.ConfigValue c) given.computeIfAbsent("config", x -> new java.util.TreeSet<>()).add(c.name());
                    }
                }
                for (String kind : java.util.List.of("metric", "config")) {
                    var seen = given.getOrDefault(kind, java.util.Set.of());
                    for (String name : k.vocabulary().read().getOrDefault(kind, java.util.Set.of())) {
                        // The request rate is made from access logs as they are read, not given by a sample.
                        if (seen.contains(name) || name.startsWith("requests.per.second")) continue;
                        warnings.add(new RuleProblem(firstFileReading(k, kind, name), 0, 0, "the rules read the " + kind + " \"" + name
                                + "\", which no sample or incident in " + sampleDir + " gives" + dev.gatewaydoctor.knowledge.Vocabulary.didYouMean(name, seen)
                                + ": add a sample that gives it, or correct the name"));
                    }
                }
                for (Map.Entry<String, Integer> e : Replay.coverage(k.ruleFiles(), results).entrySet()) {
                    if (e.getValue() == 0) warnings.add(ruleAt(k, e.getKey(), "no sample in " + sampleDir + " fires the rule \""
                            + e.getKey() + "\": add a sample that shows it (and one where it must not decide)"));
                }
            }
            warnings.sort(java.util.Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            warnings.forEach(w -> out.println(RulesProblems.located(k.source(), w, "warning")));
            long ruleCount = k.ruleFiles().size();
            out.println("rules in " + k.source() + " are sound: " + k.causes().size() + " causes, " + k.fixes().size() + " fixes, "
                    + ruleCount + " rules, version " + k.version()
                    + (sampleDir == null ? "; coverage skipped: no facts-samples beside the rules (give --samples DIR)"
                    : "; " + replayed + " samples replayed for coverage")
                    + "; " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
            return ExitCode.OK;
        }

        /** The first rule file that names the fact, for the warning's place. */
        private static String firstFileReading(Knowledge k, String kind, String name) {
            String type = kind.equals("metric") ? "Metric(" : "ConfigValue(";
            for (var e : k.texts().entrySet()) {
                if (e.getKey().endsWith(".drl") && e.getValue().contains(type) && e.getValue().contains("\"" + name + "\"")) return e.getKey();
            }
            return "rules";
        }

        private static Path siblingSamples(Path rules) {
            Path parent = rules.toAbsolutePath().normalize().getParent();
            Path s = parent == null ? null : parent.resolve("facts-samples");
            return s != null && Files.isDirectory(s) ? rules.resolveSibling("facts-samples") : null;
        }

        /** A warning that points at the rule's own line. */
        private static RuleProblem ruleAt(Knowledge k, String rule, String message) {
            String file = k.ruleFiles().get(rule);
            int line = k.ruleLine(rule);
            return new RuleProblem(file == null ? "?" : file, line, line > 0 ? 1 : 0, message);
        }
    }

    @Command(name = "doc", mixinStandardHelpOptions = true,
            description = {"Prints docs/causes.md for a rules directory: every cause, its rules and weights, every fix.",
                    "Usage in the repository: " + CausesDocument.REGENERATE,
                    "With --vocabulary, the Vocabulary section that ends docs/factset.md instead:",
                    "  " + VocabularyDocument.REGENERATE},
            footer = {"", "Exit codes: 0 printed, 3 the rules do not compile."})
    static final class Doc implements Callable<Integer> {

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the rules directory (default: ./rules)")
        Path dir = Path.of("rules");

        @Mixin
        RulesChoice.WritableOption writableRules;

        @Option(names = "--vocabulary", description = "print the Vocabulary section of docs/factset.md: every name a fact set may use")
        boolean vocabulary;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                var knowledge = KnowledgeLoader.fromDirectory(dir, writableRules.writable());
                out.print(vocabulary ? VocabularyDocument.render(DiagnoserAccess.of(knowledge).vocabulary()) : CausesDocument.render(knowledge));
                out.flush();
                return ExitCode.OK;
            } catch (RulesException e) {
                RulesProblems.print(spec.commandLine().getErr(), e);
                return ExitCode.BAD_RULES;
            }
        }
    }
}
