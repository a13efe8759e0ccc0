package dev.gatewaydoctor.replay;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.EvidenceItem;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.RuleFaultException;
import dev.gatewaydoctor.engine.ConfidenceModel;
import dev.gatewaydoctor.engine.DiagnoserAccess;
import dev.gatewaydoctor.facts.Expectation;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.knowledge.Knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replays sample fact sets against the rules and checks each against its {@code expect} block: the
 * regression suite of the knowledge, for authors ({@code gatewaydoctor replay}) and for the test suite
 * alike. A failure says what moved and why: the evidence behind the expected cause and behind the one
 * that beat it.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * One sample replayed: its diagnosis and what did not meet its expectation (empty when it passed).
     *
     * @param error     why there is no diagnosis to check: the sample could not be read, or a rule failed on it
     * @param ruleFault the error is a rule's, not the sample's: the rules are broken, whatever the sample expects
     */
    public record Result(Path file, FactSet facts, Diagnosis diagnosis, List<String> failures, String error, boolean ruleFault) {

        public Result(Path file, FactSet facts, Diagnosis diagnosis, List<String> failures, String error) {
            this(file, facts, diagnosis, failures, error, false);
        }

        public boolean passed() {
            return error == null && failures.isEmpty();
        }

        /** The confirmed cause: the first expected one, or null when none is expected. */
        public String confirmedCause() {
            Expectation e = facts == null ? null : facts.expect();
            return e == null || e.causes() == null || e.causes().isEmpty() ? null : e.causes().get(0);
        }

        /** The fix that worked: the first expected one, or null when none is expected. */
        public String confirmedFix() {
            Expectation e = facts == null ? null : facts.expect();
            return e == null || e.fixes() == null || e.fixes().isEmpty() ? null : e.fixes().get(0);
        }

        /** The rank (1-based) of the first expected cause, or null when it is not ranked or none is expected. */
        public Integer causeRank() {
            Expectation e = facts == null ? null : facts.expect();
            if (e == null || e.causes() == null || e.causes().isEmpty() || diagnosis == null || diagnosis.topCause() == null) return null;
            for (RankedCause c : diagnosis.causes()) if (e.causes().contains(c.id())) return c.rank();
            return null;
        }

        /** The rank (1-based) of the first expected fix, or null. */
        public Integer fixRank() {
            Expectation e = facts == null ? null : facts.expect();
            if (e == null || e.fixes() == null || e.fixes().isEmpty() || diagnosis == null) return null;
            for (RankedFix f : diagnosis.fixes()) if (e.fixes().contains(f.id())) return f.rank();
            return null;
        }
    }

    /** The sample files of the given files and directories (a directory's *.json, sorted by name). */
    public static List<Path> samples(List<Path> filesOrDirectories) throws IOException {
        var out = new ArrayList<Path>();
        for (Path p : filesOrDirectories) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Every sample file under a directory, sub-directories included, sorted by path. */
    public static List<Path> samplesBelow(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    public static Result replay(Diagnoser doctor, Path file) {
        FactSet facts;
        try {
            facts = new FactSetReader().read(file);
        } catch (FactSetException e) {
            return new Result(file, null, null, List.of(), e.getMessage());
        }
        if (facts.expect() == null) return new Result(file, facts, null, List.of(), "no \"expect\" block: nothing to check");
        Diagnosis d;
        try {
            d = doctor.diagnose(facts);
        } catch (RuleFaultException e) {
            return new Result(file, facts, null, List.of(), e.getMessage(), true);
        }
        var failures = new ArrayList<String>();
        if (!facts.warnings().isEmpty()) failures.add("the sample reads with warnings: " + String.join("; ", facts.warnings()));
        failures.addAll(unknownIds(facts.expect(), DiagnoserAccess.knowledge(doctor)));
        failures.addAll(check(facts.expect(), d));
        return new Result(file, facts, d, List.copyOf(failures), null);
    }

    /** Ids in the expect block that the knowledge does not have: a typo there would make a test that cannot pass, or cannot fail. */
    static List<String> unknownIds(Expectation e, Knowledge k) {
        var out = new ArrayList<String>();
        var causes = new java.util.LinkedHashSet<String>();
        for (List<String> ids : java.util.Arrays.asList(e.causes(), e.notCauses(), e.alsoProbable())) if (ids != null) causes.addAll(ids);
        for (String c : causes) if (k.cause(c) == null) out.add("expect names the cause \"" + c + "\", which is no cause in causes.yaml");
        if (e.fixes() != null) {
            for (String f : e.fixes()) if (k.fix(f) == null) out.add("expect names the fix \"" + f + "\", which is no fix in fixes.yaml");
        }
        return out;
    }

    /** What in the diagnosis does not meet the expectation, each with the evidence that explains it. */
    public static List<String> check(Expectation expect, Diagnosis d) {
        var failures = new ArrayList<String>();
        RankedCause top = d.topCause();
        if (expect.causes() != null) {
            if (expect.causes().isEmpty()) {
                for (RankedCause c : d.causes()) {
                    if (c.confidence() >= ConfidenceModel.PROBABLE) {
                        failures.add("expected no cause to reach confidence 0.5, but " + c.id() + " has " + conf(c) + "\n" + behind(c));
                    }
                }
            } else if (top == null) {
                failures.add("expected " + expect.causes().get(0) + " first, but nothing points at any cause (seed checklist)"
                        + expectedEvidence(expect.causes().get(0), d));
            } else if (!expect.causes().contains(top.id())) {
                failures.add("expected " + String.join(" or ", expect.causes()) + " first, but " + top.id() + " (" + conf(top) + ") beat it"
                        + expectedEvidence(expect.causes().get(0), d) + "\n" + behind(top));
            }
        }
        if (expect.fixes() != null && !expect.fixes().isEmpty()) {
            if (d.fixes().isEmpty()) {
                failures.add("expected fix " + expect.fixes().get(0) + " first, but no fix is ranked");
            } else if (!expect.fixes().contains(d.fixes().get(0).id())) {
                RankedFix first = d.fixes().get(0);
                RankedFix wanted = d.fixes().stream().filter(f -> expect.fixes().contains(f.id())).findFirst().orElse(null);
                failures.add("expected fix " + String.join(" or ", expect.fixes()) + " first, but " + first.id() + " (score "
                        + num(first.score()) + ": " + first.reason() + ") beat it"
                        + (wanted == null ? "; the expected fix is not ranked at all"
                        : "; " + wanted.id() + " ranks " + wanted.rank() + " (score " + num(wanted.score()) + ": " + wanted.reason() + ")"));
            }
        }
        if (expect.notCauses() != null && top != null && expect.notCauses().contains(top.id())) {
            failures.add(top.id() + " must not be ranked first (a near miss: notCauses), but it is, with " + conf(top) + "\n" + behind(top));
        }
        if (expect.alsoProbable() != null) {
            for (String also : expect.alsoProbable()) {
                RankedCause c = d.causes().stream().filter(x -> x.id().equals(also)).findFirst().orElse(null);
                if (c == null || c.confidence() < ConfidenceModel.PROBABLE) {
                    failures.add("expected " + also + " to be probable as well (0.5 or more), but it has "
                            + (c == null ? "no evidence" : conf(c) + "\n" + behind(c)));
                }
            }
        }
        if (expect.culprit() != null) {
            if (top == null) {
                failures.add("expected the culprit \"" + expect.culprit() + "\" named, but no cause is ranked");
            } else {
                String named = top.culprit() + " " + top.evidence().stream().map(e -> e.culprit() + " " + e.facts()).toList();
                if (!named.contains(expect.culprit())) {
                    failures.add("expected " + top.id() + " to name the culprit \"" + expect.culprit() + "\", but it names "
                            + (top.culprit() == null ? "nothing" : "\"" + top.culprit() + "\"") + "\n" + behind(top));
                } else if (!d.fixes().isEmpty()) {
                    RankedFix first = d.fixes().get(0);
                    if (!(first.steps() + " " + first.reason()).contains(expect.culprit())) {
                        failures.add("the first fix, " + first.id() + ", does not name the culprit \"" + expect.culprit()
                                + "\" in its steps or reason (use {culprit} in its steps in fixes.yaml)");
                    }
                }
            }
        }
        return failures;
    }

    /** How many samples fired each rule of the knowledge (0 for rules no sample fires), by rule name. */
    public static Map<String, Integer> coverage(Map<String, String> ruleFiles, List<Result> results) {
        var out = new TreeMap<String, Integer>();
        ruleFiles.keySet().forEach(r -> out.put(r, 0));
        for (Result r : results) {
            if (r.diagnosis() != null) r.diagnosis().rulesFired().forEach(rule -> out.merge(rule, 1, Integer::sum));
        }
        return out;
    }

    private static String expectedEvidence(String cause, Diagnosis d) {
        RankedCause c = d.causes().stream().filter(x -> x.id().equals(cause)).findFirst().orElse(null);
        if (c == null) return "; no rule gave " + cause + " any evidence";
        return "; " + cause + " ranks " + c.rank() + " with " + conf(c) + "\n" + behind(c);
    }

    private static String behind(RankedCause c) {
        var sb = new StringBuilder("    behind " + c.id() + ":");
        if (c.evidence().isEmpty()) sb.append(" no evidence");
        for (EvidenceItem e : c.evidence()) {
            sb.append("\n      ").append(e.weight() > 0 ? "+" : "").append(num(e.weight())).append("  ").append(e.rule())
                    .append(" (").append(e.file()).append(")");
        }
        return sb.toString();
    }

    private static String conf(RankedCause c) {
        return "confidence " + num(c.confidence());
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
