package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.engine.DiagnoserAccess;
import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.replay.Replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays sample fact sets against the rules and checks each against its \"expect\" block.",
                "Prints a table (sample, expected, got, rank of the expected cause and fix, pass or fail), what moved",
                "for each failure, and a last line \"N passed, M failed\"."},
        footer = {"", "Exit codes: 0 all passed, 1 some failed (a sample that cannot be read fails with its error), 2 bad arguments,",
                "3 the rules are broken: they do not load, or a rule failed on a sample (named on standard error)."})
final class ReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "sample directories or files (default: ./facts-samples)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "DIR", description = "the rules directory (default: ./rules when present, else the bundled rules)")
    Path rulesDir;

    @Mixin
    RulesChoice.WritableOption writableRules;

    @Option(names = "--json", description = "print one JSON document instead of the table")
    boolean json;

    @Option(names = "--score", description = {"score the samples as a corpus of real incidents instead of asserting each: cause@1, cause@3,",
            "fix@1, the mean rank of the fix that worked (and in the seed article's order), wrong answers at confidence >= 0.8,",
            "the Brier score and a reliability table, for the tuning and validation slices (docs/accuracy.md)"})
    boolean score;

    @Option(names = "--coverage", description = "list every rule with the number of samples that fire it, and flag rules none fires")
    boolean coverage;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Diagnoser doctor = RulesChoice.openOrReport(rulesDir, writableRules.writable(), err);
        if (doctor == null) return ExitCode.BAD_RULES;
        List<Path> inputs = paths.isEmpty() ? List.of(Path.of("facts-samples")) : paths;
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                err.println("gatewaydoctor: " + p + ": no such file or directory");
                return ExitCode.BAD_INPUT;
            }
        }
        var results = new ArrayList<Replay.Result>();
        for (Path p : Replay.samples(inputs)) results.add(Replay.replay(doctor, p));
        // A rule that fails is the rules' fault, not the sample's: the report still shows every sample,
        // and the exit code says the rules are broken (README: exit 3), with the sample it failed on.
        List<Replay.Result> faults = results.stream().filter(Replay.Result::ruleFault).toList();
        int code = report(out, err, doctor, results);
        out.flush();
        if (faults.isEmpty()) return code;
        Replay.Result first = faults.get(0);
        err.println("gatewaydoctor: " + first.file() + ": " + first.error()
                + (faults.size() > 1 ? " (and on " + (faults.size() - 1) + " other sample" + (faults.size() > 2 ? "s" : "") + ")" : ""));
        return ExitCode.BAD_RULES;
    }

    /** The score, the table or the JSON document of the replayed samples; the exit code of what they show. */
    private int report(PrintWriter out, PrintWriter err, Diagnoser doctor, List<Replay.Result> results) {
        if (score) {
            var cases = results.stream().map(r -> dev.gatewaydoctor.replay.Score.of(r, DiagnoserAccess.knowledge(doctor))).toList();
            if (json) {
                out.println(ScoreReport.json(cases, doctor.rulesVersion()));
            } else {
                RulesChoice.announce(err, doctor);
                ScoreReport.text(out, cases);
                // Weights are checked on the tuning slice only, like everything rules are written from.
                var tuning = java.util.stream.IntStream.range(0, results.size()).filter(i -> !cases.get(i).validation())
                        .mapToObj(results::get).toList();
                var rows = dev.gatewaydoctor.replay.WeightCheck.check(tuning);
                ScoreReport.weights(out, rows, DiagnoserAccess.knowledge(doctor).texts());
                ScoreReport.precision(out, rows);
                ScoreReport.treats(out, dev.gatewaydoctor.replay.TreatsCheck.untreated(tuning, DiagnoserAccess.knowledge(doctor).fixes()));
                ScoreReport.baseRates(out, dev.gatewaydoctor.replay.Score.baseRates(tuning));
            }
            return ExitCode.OK;
        }
        long passed = results.stream().filter(Replay.Result::passed).count();
        long failed = results.size() - passed;
        Map<String, Integer> fired = coverage ? Replay.coverage(DiagnoserAccess.knowledge(doctor).ruleFiles(), results) : null;

        if (json) {
            out.println(json(doctor, results, fired, passed, failed));
        } else {
            RulesChoice.announce(err, doctor);
            table(out, results);
            for (Replay.Result r : results) {
                if (r.passed()) continue;
                out.println();
                out.println("FAILED " + r.file());
                if (r.error() != null) out.println("  " + r.error());
                r.failures().forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
            }
            if (fired != null) coverageTable(out, doctor, fired);
            out.println();
            out.println(passed + " passed, " + failed + " failed");
        }
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private static void table(PrintWriter out, List<Replay.Result> results) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"SAMPLE", "EXPECTED CAUSE", "GOT", "#", "EXPECTED FIX", "GOT", "#", "RESULT"});
        for (Replay.Result r : results) {
            Expectation e = r.facts() == null ? null : r.facts().expect();
            RankedCause top = r.diagnosis() == null ? null : r.diagnosis().topCause();
            String expectedCause = e == null || e.causes() == null ? "-" : e.causes().isEmpty() ? "(none probable)" : e.causes().get(0);
            String gotCause = r.diagnosis() == null ? "-" : top == null ? "(seed checklist)"
                    : top.id() + " " + String.format(Locale.ROOT, "%.2f", top.confidence());
            String expectedFix = e == null || e.fixes() == null || e.fixes().isEmpty() ? "-" : e.fixes().get(0);
            String gotFix = r.diagnosis() == null || r.diagnosis().fixes().isEmpty() ? "-" : r.diagnosis().fixes().get(0).id();
            rows.add(new String[] {r.file().getFileName().toString().replaceFirst("\\.json$", ""), expectedCause, gotCause,
                    rank(r.causeRank()), expectedFix, gotFix, rank(r.fixRank()), r.passed() ? "pass" : "FAIL"});
        }
        int[] width = new int[8];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            var sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean right = i == 3 || i == 6;
                String cell = right ? " ".repeat(width[i] - row[i].length()) + row[i] : row[i] + " ".repeat(width[i] - row[i].length());
                sb.append(cell).append(i < row.length - 1 ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static void coverageTable(PrintWriter out, Diagnoser doctor, Map<String, Integer> fired) {
        out.println();
        out.println("Coverage: how many samples fire each rule");
        var byFile = new java.util.TreeMap<String, List<String>>();
        fired.keySet().forEach(rule -> byFile.computeIfAbsent(String.valueOf(DiagnoserAccess.knowledge(doctor).ruleFiles().get(rule)), k -> new ArrayList<>()).add(rule));
        int never = 0;
        for (var e : byFile.entrySet()) {
            out.println("  " + e.getKey());
            for (String rule : e.getValue()) {
                int n = fired.get(rule);
                if (n == 0) never++;
                out.println(String.format(Locale.ROOT, "    %4d  %s%s", n, rule, n == 0 ? "   <- no sample fires it" : ""));
            }
        }
        out.println(never == 0 ? "Every rule is fired by some sample." : never + " of " + fired.size() + " rules are fired by no sample.");
    }

    private static String rank(Integer r) {
        return r == null ? "-" : r.toString();
    }

    private static String json(Diagnoser doctor, List<Replay.Result> results, Map<String, Integer> fired, long passed, long failed) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("rules").put("source", doctor.rulesSource()).put("version", doctor.rulesVersion());
        ArrayNode samples = root.putArray("samples");
        for (Replay.Result r : results) {
            ObjectNode s = samples.addObject();
            s.put("file", r.file().toString());
            if (r.facts() != null) s.put("name", r.facts().name());
            s.put("passed", r.passed());
            Expectation e = r.facts() == null ? null : r.facts().expect();
            if (e != null) {
                ObjectNode x = s.putObject("expected");
                if (e.causes() != null) e.causes().forEach(x.withArray("causes")::add);
                if (e.fixes() != null) e.fixes().forEach(x.withArray("fixes")::add);
            }
            if (r.diagnosis() != null) {
                ObjectNode got = s.putObject("got");
                RankedCause top = r.diagnosis().topCause();
                got.put("basis", r.diagnosis().basis().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                if (top != null) got.put("cause", top.id()).put("confidence", top.confidence());
                if (!r.diagnosis().fixes().isEmpty()) got.put("fix", r.diagnosis().fixes().get(0).id());
            }
            if (r.causeRank() != null) s.put("causeRank", r.causeRank());
            if (r.fixRank() != null) s.put("fixRank", r.fixRank());
            ArrayNode f = s.putArray("failures");
            r.failures().forEach(f::add);
            if (r.error() != null) s.put("error", r.error());
            if (r.ruleFault()) s.put("ruleFault", true);
        }
        if (fired != null) {
            ObjectNode c = root.putObject("coverage");
            fired.forEach(c::put);
        }
        root.put("passed", passed).put("failed", failed);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
