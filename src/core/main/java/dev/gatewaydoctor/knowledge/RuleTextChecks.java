package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that Drools cannot make, because they are about what the rules mean rather than how they are
 * written: every conclusion names a known cause or fix, every weight is within the scale of
 * docs/confidence.md, every cause is treated by some fix. Found by reading the rule files' text, so
 * that each problem points at its line and column.
 */
final class RuleTextChecks {

    static final double MAX_WEIGHT = 4.0;

    /** A conclusion of evidence: the cause named, and the weight when it is written as a number. */
    static final Pattern EVIDENCE = Pattern.compile("new\\s+Evidence\\(\\s*\"([^\"]*)\"\\s*,\\s*(-?\\d+(?:\\.\\d+)?)?");
    /** The head of a rule, with its name. */
    static final Pattern RULE_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern FIX_CONTRIBUTION = Pattern.compile("new\\s+FixContribution\\(\\s*\"([^\"]*)\"\\s*,\\s*\"([^\"]*)\"");

    private RuleTextChecks() {
    }

    /** Problems that make the rules unusable, and warnings an author should see. */
    static void check(Map<String, String> files, Map<String, Cause> causes, List<Fix> fixes,
                      List<RuleProblem> problems, List<RuleProblem> warnings) {
        Set<String> fixIds = new java.util.HashSet<>();
        fixes.forEach(f -> fixIds.add(f.id()));
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            String fileCause = path.startsWith("causes/") ? path.substring("causes/".length(), path.length() - ".drl".length()) : null;
            Matcher m = EVIDENCE.matcher(text);
            while (m.find()) {
                String cause = m.group(1);
                if (causes.isEmpty()) {
                    // causes.yaml itself is broken, and reported: no cause name can be checked.
                } else if (!causes.containsKey(cause)) {
                    problems.add(at(path, text, m.start(1), "evidence for \"" + cause + "\", which is no cause in causes.yaml"
                            + Vocabulary.didYouMean(cause, causes.keySet())));
                } else if (fileCause != null && !fileCause.equals(cause)) {
                    warnings.add(at(path, text, m.start(1), "a rule in " + path + " weighs \"" + cause
                            + "\"; one file per cause keeps the reasoning where readers look for it (rules/causes/" + cause + ".drl)"));
                }
                if (m.group(2) != null) {
                    double w = Double.parseDouble(m.group(2));
                    if (Math.abs(w) > MAX_WEIGHT) {
                        problems.add(at(path, text, m.start(2), "weight " + m.group(2) + " is outside -4..+4 (docs/confidence.md: +4 is"
                                + " already ten thousand to one)"));
                    }
                }
            }
            m = FIX_CONTRIBUTION.matcher(text);
            while (m.find()) {
                if (!fixIds.isEmpty() && !fixIds.contains(m.group(1))) {
                    problems.add(at(path, text, m.start(1), "contribution to \"" + m.group(1) + "\", which is no fix in fixes.yaml"
                            + Vocabulary.didYouMean(m.group(1), fixIds)));
                }
                if (!causes.isEmpty() && !causes.containsKey(m.group(2))) {
                    problems.add(at(path, text, m.start(2), "contribution for cause \"" + m.group(2) + "\", which is no cause in causes.yaml"
                            + Vocabulary.didYouMean(m.group(2), causes.keySet())));
                }
            }
            // "exists" binds nothing, so the explanation of a rule written with it shows no fact. On the facts a
            // record holds a few of, the pattern itself matches the same and the engine still counts the rule once;
            // log signals keep it (a whole log holds thousands, and firing once for them all keeps a diagnosis fast).
            m = EXISTS_ON_A_FEW.matcher(text);
            while (m.find()) {
                warnings.add(at(path, text, m.start(1), "\"exists " + m.group(1) + "(...)\" matches what \"" + m.group(1)
                        + "(...)\" matches and shows no fact in the explanation; write the pattern without \"exists\": the rule still counts once"));
            }
            // DRL reads an escaped quote in a rule's name, but the compiled rules the jar ships (the executable model)
            // cannot carry one: the build would fail far from the file. Said here, where an author looks.
            m = QUOTE_IN_NAME.matcher(text);
            while (m.find()) {
                problems.add(at(path, text, m.start(1), "a rule's name cannot hold a double quote (the compiled rules cannot carry it):"
                        + " quote words in it with single quotes, as in 'localhost'"));
            }
        });
        // Drools would name the duplicate once, in one file: both places are what an author needs.
        var firstPlace = new java.util.HashMap<String, RuleProblem>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Matcher r = RULE_NAME.matcher(text);
            while (r.find()) {
                RuleProblem here = at(path, text, r.start(1), "");
                RuleProblem before = firstPlace.putIfAbsent(r.group(1), here);
                if (before != null) {
                    problems.add(at(path, text, r.start(1), "the rule name \"" + r.group(1) + "\" is taken by " + before.file() + ":"
                            + before.line() + ": rule names must be unique across all files; say what this one sees differently"));
                }
            }
        });
        for (Cause c : causes.values()) {
            if (fixes.stream().noneMatch(f -> f.treats().containsKey(c.id()))) {
                problems.add(new RuleProblem("fixes.yaml", 0, 0, "no fix treats the cause \"" + c.id()
                        + "\": add it to the \"treats\" of at least one fix, or the diagnosis names it with nothing to do"));
            }
            if (!files.containsKey("causes/" + c.id() + ".drl")) {
                warnings.add(new RuleProblem("causes.yaml", 0, 0, "no rules weigh the cause \"" + c.id()
                        + "\" yet (rules/causes/" + c.id() + ".drl): it can never be diagnosed"));
            }
        }
    }

    private static final Pattern QUOTE_IN_NAME = Pattern.compile("(?m)^\\s*rule\\s+\"[^\"\\n]*?(\\\\\")");
    private static final Pattern EXISTS_ON_A_FEW = Pattern.compile(
            "(?m)^\\s*exists\\s+(HttpResponse|Observation|Event|Metric|ConfigValue|Tried|EventTiming|Listed)\\(");
    private static final Pattern WHOLE_RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^end\\b");
    private static final Pattern NEGATED = Pattern.compile("(?m)^\\s*not\\s*\\(?\\s*(LogSignal|ErrorSeen|LogLine|ConfigValue)\\(");
    private static final Pattern LOG_SEEN = Pattern.compile("\\b(LogSignal|LogLine|ErrorSeen|ErrorTimeline)\\(|Observation\\(\\s*name\\s*==\\s*\"[a-z-]*-empty\"");
    private static final Pattern CONFIG_SEEN = Pattern.compile("\\bConfigValue\\(");

    /**
     * A rule that speaks for a cause because something is absent ("not LogSignal(...)") must show that
     * someone looked: a log was given (a positive LogSignal, LogLine, ErrorSeen or ErrorTimeline pattern, or
     * an observation such as php-error-log-empty), the configuration was given (a positive ConfigValue), or
     * the rule declares what was looked at with {@code @lookedAt("...")}. Rules against a cause may
     * exclude freely: there a "not" only keeps them from contradicting stronger evidence.
     */
    static void absencesAreGuarded(Map<String, String> files, List<RuleProblem> warnings) {
        eachRule(files, (path, text, rule) -> {
            String body = rule.group(2);
            String conditions = conditions(body);
            if (conditions == null || body.contains("@lookedAt(") || !weighsFor(body)) return;
            var positive = new StringBuilder();
            for (String line : conditions.split("\n")) if (!line.strip().startsWith("not")) positive.append(line).append('\n');
            Matcher neg = NEGATED.matcher(conditions);
            while (neg.find()) {
                boolean config = neg.group(1).equals("ConfigValue");
                boolean guarded = (config ? CONFIG_SEEN : LOG_SEEN).matcher(positive).find();
                if (!guarded) {
                    warnings.add(at(path, text, rule.start(1), "the rule \"" + rule.group(1) + "\" speaks for its cause from the absence of a "
                            + neg.group(1) + " without showing that anyone looked: add a pattern that shows " + (config
                            ? "the configuration was given (a ConfigValue)" : "a log was given (exists LogLine(), or an observation such as php-error-log-empty)")
                            + ", or say what was looked at with @lookedAt(\"...\") after the rule's name"));
                    break;
                }
            }
        });
    }

    private static final Pattern PATTERN = Pattern.compile("(?m)^\\s*(?:exists\\s+)?(?:\\$\\w+\\s*:\\s*)?([A-Z]\\w*\\(.*\\))\\s*$");

    /**
     * Two rules in different files that give evidence to the same cause from the same fact pattern, and
     * share no evidence group, count one fact twice: warned, with both places.
     */
    static void samePatternAcrossFiles(Map<String, String> files, Map<String, String> groups, List<RuleProblem> warnings) {
        record Seen(String file, String rule) {
        }
        var byKey = new java.util.HashMap<String, Seen>();
        eachRule(files, (path, text, rule) -> {
            String body = rule.group(2);
            String conditions = conditions(body);
            if (conditions == null) return;
            Matcher cause = EVIDENCE.matcher(body.substring(body.indexOf("\nthen")));
            if (!cause.find() || cause.group(1).isEmpty()) return;
            Matcher pattern = PATTERN.matcher(conditions);
            while (pattern.find()) {
                String normal = pattern.group(1).replaceAll("\\$\\w+\\s*:\\s*\\w+\\s*,?", "").replaceAll("\\s+", "");
                String key = cause.group(1) + "|" + normal;
                Seen before = byKey.putIfAbsent(key, new Seen(path, rule.group(1)));
                if (before != null && !before.file().equals(path)
                        && (groups.get(before.rule()) == null || !groups.get(before.rule()).equals(groups.get(rule.group(1))))) {
                    warnings.add(at(path, text, rule.start(1), "the rules \"" + rule.group(1) + "\" (" + path + ") and \"" + before.rule()
                            + "\" (" + before.file() + ") both weigh \"" + cause.group(1) + "\" from " + pattern.group(1).strip()
                            + ": one fact would count twice; make them one rule, or give both the same @group"));
                }
            }
        });
    }

    /** What is done with each rule of each DRL file: its file's path and text, and the match of the whole rule. */
    private interface RuleVisitor {
        void visit(String path, String text, Matcher rule);
    }

    private static void eachRule(Map<String, String> files, RuleVisitor visitor) {
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Matcher rule = WHOLE_RULE.matcher(text);
            while (rule.find()) visitor.visit(path, text, rule);
        });
    }

    /** True when the rule gives some cause evidence of a weight written as a number of 0 or more. */
    private static boolean weighsFor(String body) {
        Matcher m = EVIDENCE.matcher(body);
        while (m.find()) if (m.group(2) != null && !m.group(2).startsWith("-")) return true;
        return false;
    }

    /** A rule's conditions: what stands between "when" and "then", or null when the rule has none. */
    private static String conditions(String body) {
        int when = body.indexOf("when");
        int then = body.indexOf("\nthen");
        return when < 0 || then < when ? null : body.substring(when + 4, then);
    }

    /** A rule's evidence group: {@code rule "name" @group("full-pool")}, the annotation right after the name. */
    static final Pattern GROUP = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"(?:\\s*@\\w+\\([^)]*\\))*?\\s*@group\\(\\s*\"([a-z0-9-]+)\"\\s*\\)");

    /** Rule name to its evidence group, for the rules that declare one. */
    static Map<String, String> groups(Map<String, String> files) {
        var out = new java.util.HashMap<String, String>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Matcher m = GROUP.matcher(text);
            while (m.find()) out.put(m.group(1), m.group(2));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    private static final Pattern OBSERVATION = Pattern.compile("Observation\\(\\s*name\\s*==\\s*\"([^\"]+)\"");

    /**
     * Every observation the rules read should have a check, or no one is ever asked for it; and every
     * check should be read by some rule, or its answer weighs nothing.
     */
    static void observationsHaveChecks(Map<String, String> files, List<Check> checks, Vocabulary vocabulary, List<RuleProblem> warnings) {
        if (!files.containsKey("checks.yaml")) return;
        var known = new java.util.HashSet<String>();
        checks.forEach(c -> known.add(c.observation()));
        var read = vocabulary.read().get("observation");
        for (Check c : checks) {
            if (!read.contains(c.observation())) {
                warnings.add(new RuleProblem("checks.yaml", 0, 0, "the check \"" + c.observation()
                        + "\" asks for an observation no rule reads: its answer would weigh nothing; write a rule that reads it, or remove the check"));
            }
        }
        var warned = new java.util.HashSet<String>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Matcher m = OBSERVATION.matcher(text);
            while (m.find()) {
                if (!known.contains(m.group(1)) && warned.add(m.group(1))) {
                    warnings.add(at(path, text, m.start(1), "the rules read the observation \"" + m.group(1)
                            + "\", which has no check in checks.yaml: no one will be asked for it" + Vocabulary.didYouMean(m.group(1), known)));
                }
            }
            m = EVENT_KIND.matcher(text);
            while (m.find()) {
                int g = m.group(1) != null ? 1 : 2;
                Matcher q = QUOTED.matcher(m.group(g));
                while (q.find()) {
                    String kind = q.group(1);
                    if (!Vocabulary.EVENT_KINDS.contains(kind) && warned.add("event " + kind)) {
                        warnings.add(at(path, text, m.start(g) + q.start(1), "no event has the kind \"" + kind + "\" in the fact-set format"
                                + " (docs/factset.md)" + Vocabulary.didYouMean(kind, Vocabulary.EVENT_KINDS) + ": the rule would wait for a kind no tool writes"));
                    }
                }
            }
        });
    }

    // A list may run over several lines: family in ("upstream-connect-failed", ... newline ... "upstream-timed-out").
    private static final Pattern FAMILY_TEST = Pattern.compile("\\bfamily\\s*(?:==\\s*\"([^\"\\n]*)\"|in\\s*\\(([^)]*)\\))");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\n]*)\"");

    /** A family named in a rule's condition, where it is named. */
    private record FamilyMention(String path, String text, int offset, String family) {
    }

    /** Every family the rules' conditions name, in `family == "x"` and in `family in ("x", "y")` lists. */
    private static List<FamilyMention> familyMentions(Map<String, String> files) {
        var out = new java.util.ArrayList<FamilyMention>();
        files.forEach((path, text) -> {
            if (!path.endsWith(".drl")) return;
            Matcher m = FAMILY_TEST.matcher(text);
            while (m.find()) {
                if (m.group(1) != null) out.add(new FamilyMention(path, text, m.start(1), m.group(1)));
                else {
                    Matcher q = QUOTED.matcher(m.group(2));
                    while (q.find()) out.add(new FamilyMention(path, text, m.start(2) + q.start(1), q.group(1)));
                }
            }
        });
        return out;
    }

    /**
     * Every family a rule matches on is one that families/ declares: a misspelt family compiles, and the
     * rule would never fire.
     */
    static void familiesExist(Map<String, String> files, java.util.Set<String> families, List<RuleProblem> problems) {
        if (families.isEmpty()) return;
        for (FamilyMention f : familyMentions(files)) {
            if (families.contains(f.family())) continue;
            problems.add(at(f.path(), f.text(), f.offset(), "no message family \"" + f.family() + "\" in families/"
                    + Vocabulary.didYouMean(f.family(), families) + ": the rule would never fire"));
        }
    }

    /**
     * A message family no rule names: its lines are recognised, shown as read, and weigh nothing, which tells
     * a support agent the line was understood when it counted for nothing.
     */
    static void familiesRead(Map<String, String> files, java.util.Set<String> families, List<RuleProblem> warnings) {
        var read = new java.util.HashSet<String>();
        for (FamilyMention f : familyMentions(files)) read.add(f.family());
        new java.util.TreeSet<>(families).stream().filter(f -> !read.contains(f)).forEach(f -> warnings.add(new RuleProblem(
                "families/" + f + ".yaml", 1, 1, "no rule reads the message family \"" + f + "\": its lines are recognised and weigh"
                + " nothing; write the rule that weighs them in causes/, or say in the family's comment why none does")));
    }

    private static final Pattern EVENT_KIND = Pattern.compile("\\b(?:Event|EventTiming)\\(\\s*kind\\s*(?:==\\s*(\"[^\"\\n]*\")|in\\s*\\(([^)\\n]*)\\))");

    /** A problem at a character offset of a file's text, with its 1-based line and column. */
    static RuleProblem at(String file, String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new RuleProblem(file, line, offset - lineStart + 1, message);
    }
}
