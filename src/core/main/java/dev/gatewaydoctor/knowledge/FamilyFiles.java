package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.recognition.Family;
import dev.gatewaydoctor.recognition.LinePattern;
import dev.gatewaydoctor.recognition.LogRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;
import dev.gatewaydoctor.recognition.SignalFields;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the message families of {@code families/*.yaml}, refusing what would misread lines: a pattern
 * RE2/J cannot compile (with its column), a group or a set field that is no signal field, a word that is
 * not plain ASCII (the byte prefilter searches for it), a family yielding to one that does not exist;
 * then runs every family's fixtures against all families, so that a family that stops reading its own
 * lines, or starts reading another's, is refused where it is written.
 */
final class FamilyFiles {

    static final String DIR = "families/";

    private FamilyFiles() {
    }

    /**
     * The families of families/*.yaml. With {@code runFixtures}, each family's fixtures are run through them all;
     * without, they are read but not run, for files whose content the build already checked (they can only pass).
     */
    static LogRecognizer read(Map<String, String> files, List<RuleProblem> problems, boolean runFixtures) {
        var families = new ArrayList<Family>();
        var docs = new LinkedHashMap<String, YamlDocument>();
        var declared = new LinkedHashSet<String>();
        var allDocs = new ArrayList<YamlDocument>();
        for (String path : files.keySet()) {
            if (!path.startsWith(DIR) || !(path.endsWith(".yaml") || path.endsWith(".yml"))) continue;
            YamlDocument doc = YamlDocument.read(path, files, problems);
            if (doc == null) continue;
            // A family with problems is still a family others may name: one mistake, one message.
            if (doc.root().path("family").isTextual()) declared.add(doc.root().get("family").asText());
            allDocs.add(doc);
            Family f = family(doc, problems);
            if (f != null) {
                families.add(f);
                docs.put(f.id(), doc);
            }
        }
        var ids = new LinkedHashSet<String>();
        for (Family f : families) {
            if (!ids.add(f.id())) problems.add(docs.get(f.id()).problem("/family", "family \"" + f.id() + "\" is written twice"));
        }
        for (YamlDocument doc : allDocs) {
            JsonNode ys = doc.root().get("yieldsTo");
            if (ys == null || !ys.isArray()) continue;
            for (int i = 0; i < ys.size(); i++) {
                String other = ys.get(i).asText();
                if (!declared.contains(other)) {
                    problems.add(doc.problem("/yieldsTo/" + i, "no family \"" + other + "\"" + Vocabulary.didYouMean(other, declared)));
                }
            }
        }
        var recognizer = new LogRecognizer(families);
        if (runFixtures) for (Family f : families) fixtures(f, recognizer, docs.get(f.id()), problems);
        return recognizer;
    }

    private static Family family(YamlDocument doc, List<RuleProblem> problems) {
        JsonNode root = doc.root();
        int before = problems.size();
        String id = doc.text(root, "", "family", problems);
        String expectedId = doc.file().substring(DIR.length()).replaceFirst("\\.ya?ml$", "");
        if (id != null && !id.equals(expectedId)) {
            problems.add(doc.problem("/family", "the file is named \"" + expectedId + "\" but declares family \"" + id
                    + "\"; name the file after the family id"));
        }
        String program = doc.text(root, "", "program", problems);
        var words = new ArrayList<String>();
        JsonNode w = nonEmptyList(doc, "words", "a list of the words a line must hold for this family to be tried", problems);
        if (w != null) {
            for (int i = 0; i < w.size(); i++) {
                String word = w.get(i).asText("");
                if (!w.get(i).isTextual() || word.isEmpty()) problems.add(doc.problem("/words/" + i, "expected a word (text)"));
                else if (!StandardCharsets.US_ASCII.newEncoder().canEncode(word)) {
                    problems.add(doc.problem("/words/" + i, "a word must be plain ASCII: the prefilter searches the log's bytes for it"));
                } else words.add(word);
            }
        }
        Family.Unit unit = Family.Unit.LINE;
        JsonNode u = root.get("unit");
        if (u != null) {
            switch (u.asText("")) {
                case "line" -> unit = Family.Unit.LINE;
                case "php-message" -> unit = Family.Unit.PHP_MESSAGE;
                default -> problems.add(doc.problem("/unit", "expected \"unit\": line (the default) or php-message"));
            }
        }
        var patterns = new ArrayList<Family.Alternative>();
        JsonNode ps = nonEmptyList(doc, "patterns", "a list of '- match: <regex>' entries, tried in order", problems);
        if (ps != null) {
            for (int i = 0; i < ps.size(); i++) {
                String at = "/patterns/" + i;
                JsonNode p = ps.get(i);
                LinePattern pattern = compile(doc, at + "/match", p.get("match"), problems, true);
                String altProgram = p.hasNonNull("program") ? p.get("program").asText() : null;
                var set = new LinkedHashMap<String, String>();
                JsonNode s = p.get("set");
                if (s != null && !s.isObject()) problems.add(doc.problem(at + "/set", "expected \"set\": field: value pairs"));
                else if (s != null) {
                    s.fields().forEachRemaining(e -> {
                        String value = e.getValue().asText();
                        String problem = SignalFields.problem(e.getKey(), value.contains("{") ? null : value);
                        if (problem != null) {
                            problems.add(doc.problem(at + "/set/" + e.getKey(), problem.equals("no such field")
                                    ? "no signal field \"" + e.getKey() + "\"" + Vocabulary.didYouMean(e.getKey(), SignalFields.FIELDS.keySet())
                                    : e.getKey() + ": \"" + value + "\" is not " + problem));
                        }
                        if (pattern != null) {
                            var m = java.util.regex.Pattern.compile("\\{(\\w+)\\}").matcher(value);
                            while (m.find()) {
                                if (!pattern.groups().contains(m.group(1))) {
                                    problems.add(doc.problem(at + "/set/" + e.getKey(), "{" + m.group(1) + "} names no group of this pattern"));
                                }
                            }
                        }
                        set.put(e.getKey(), value);
                    });
                }
                if (pattern != null) {
                    for (String group : pattern.groups()) {
                        if (SignalFields.FIELDS.containsKey(group)) continue;
                        boolean used = set.values().stream().anyMatch(v -> v.contains("{" + group + "}"));
                        if (!used) {
                            problems.add(doc.problem(at + "/match", "the group (?<" + group + ">...) is no signal field and no 'set' value"
                                    + " uses it" + Vocabulary.didYouMean(group, SignalFields.FIELDS.keySet())));
                        }
                    }
                    patterns.add(new Family.Alternative(pattern, altProgram, Map.copyOf(set)));
                }
            }
        }
        var also = new ArrayList<Family.Also>();
        JsonNode as = root.get("also");
        if (as != null) {
            if (!as.isArray()) problems.add(doc.problem("/also", "expected \"also\": a list of patterns"));
            else for (int i = 0; i < as.size(); i++) {
                LinePattern p = compile(doc, "/also/" + i, as.get(i), problems, true);
                if (p == null) continue;
                if (p.groups().isEmpty()) problems.add(doc.problem("/also/" + i, "an 'also' pattern fills fields: give it a named group (?<field>...)"));
                for (String group : p.groups()) {
                    if (!SignalFields.FIELDS.containsKey(group)) {
                        problems.add(doc.problem("/also/" + i, "the group (?<" + group + ">...) is no signal field"
                                + Vocabulary.didYouMean(group, SignalFields.FIELDS.keySet())));
                    }
                }
                also.add(new Family.Also(p));
            }
        }
        var classify = new ArrayList<Family.Classification>();
        JsonNode cs = root.get("classify");
        if (cs != null) {
            if (!cs.isObject()) problems.add(doc.problem("/classify", "expected \"classify\": field: {value: pattern, ...}"));
            else cs.fields().forEachRemaining(field -> {
                String at = "/classify/" + field.getKey();
                if (!SignalFields.FIELDS.containsKey(field.getKey())) {
                    problems.add(doc.problem(at, "no signal field \"" + field.getKey() + "\"" + Vocabulary.didYouMean(field.getKey(), SignalFields.FIELDS.keySet())));
                    return;
                }
                if (!field.getValue().isObject()) {
                    problems.add(doc.problem(at, "expected value: pattern pairs, the first whose pattern matches the line wins"));
                    return;
                }
                field.getValue().fields().forEachRemaining(v -> {
                    String problem = SignalFields.problem(field.getKey(), v.getKey());
                    if (problem != null) problems.add(doc.problem(at + "/" + v.getKey(), "expected " + problem));
                    LinePattern p = compile(doc, at + "/" + v.getKey(), v.getValue(), problems, false);
                    if (p != null) classify.add(new Family.Classification(field.getKey(), v.getKey(), p));
                });
            });
        }
        var yieldsTo = new ArrayList<String>();
        JsonNode ys = root.get("yieldsTo");
        if (ys != null) {
            if (!ys.isArray()) problems.add(doc.problem("/yieldsTo", "expected \"yieldsTo\": a list of family ids"));
            else ys.forEach(y -> yieldsTo.add(y.asText()));
        }
        var fixtures = new ArrayList<Family.Fixture>();
        JsonNode fs = nonEmptyList(doc, "fixtures", "lines this family must read, each with what it must give", problems);
        if (fs != null) {
            for (int i = 0; i < fs.size(); i++) {
                String at = "/fixtures/" + i;
                JsonNode fx = fs.get(i);
                String line = fx.hasNonNull("line") && fx.get("line").isTextual() ? fx.get("line").asText() : null;
                if (line == null) {
                    problems.add(doc.problem(at + "/line", "expected \"line\": a log line, verbatim"));
                    continue;
                }
                JsonNode ex = fx.get("expect");
                Map<String, String> expect;
                if (ex != null && ex.isTextual() && ex.asText().equals("none")) expect = null;
                else if (ex != null && ex.isObject()) {
                    expect = new LinkedHashMap<>();
                    for (var it = ex.fields(); it.hasNext(); ) {
                        var e = it.next();
                        if (!SignalFields.readable(e.getKey())) {
                            problems.add(doc.problem(at + "/expect/" + e.getKey(), "no signal field \"" + e.getKey() + "\""
                                    + Vocabulary.didYouMean(e.getKey(), SignalFields.FIELDS.keySet())));
                        }
                        expect.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
                    }
                } else {
                    problems.add(doc.problem(at + "/expect", "expected \"expect\": the fields the line gives ({errno: 111, ...}), or none"));
                    continue;
                }
                String source = fx.hasNonNull("source") ? fx.get("source").asText() : null;
                if (source != null && !source.startsWith("https://") && !source.startsWith("http://")) {
                    problems.add(doc.problem(at + "/source", "expected \"source\": the address (https://...) of the thread where the line was pasted"));
                }
                fixtures.add(new Family.Fixture(i, line, expect, source));
            }
        }
        if (problems.size() > before || id == null) return null;
        return new Family(id, doc.file(), program, List.copyOf(words), unit, List.copyOf(patterns), List.copyOf(also),
                List.copyOf(classify), List.copyOf(yieldsTo), List.copyOf(fixtures));
    }

    /** The family's list under {@code key}, or null once the problem (what it should be) is added. */
    private static JsonNode nonEmptyList(YamlDocument doc, String key, String expected, List<RuleProblem> problems) {
        JsonNode list = doc.root().get(key);
        if (list != null && list.isArray() && !list.isEmpty()) return list;
        problems.add(doc.problem("/" + key, "expected \"" + key + "\": " + expected));
        return null;
    }

    /** A pattern compiled by RE2/J, or null once its problem (with the column in the pattern) is added. */
    private static LinePattern compile(YamlDocument doc, String at, JsonNode node, List<RuleProblem> problems, boolean required) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            if (required || node != null) problems.add(doc.problem(at, "expected a pattern (a regular expression, in single quotes)"));
            return null;
        }
        try {
            return LinePattern.compile(node.asText());
        } catch (PatternSyntaxException e) {
            String hint = e.getDescription() != null && e.getDescription().contains("invalid or unsupported Perl syntax")
                    ? " (RE2 has no lookahead, lookbehind or backreferences: they can make matching take forever)" : "";
            problems.add(doc.problem(at, "the pattern does not compile: " + e.getDescription() + " at `" + e.getPattern() + "`" + hint));
            return null;
        }
    }

    /** Runs a family's fixtures through every family, as a log line would be. */
    private static void fixtures(Family f, LogRecognizer recognizer, YamlDocument doc, List<RuleProblem> problems) {
        for (Family.Fixture fx : f.fixtures()) {
            String at = "/fixtures/" + fx.index();
            List<LogSignal> signals;
            try {
                signals = recognizer.recognize(new dev.gatewaydoctor.facts.LogLine("other", fx.line(), null));
            } catch (RuntimeException e) {
                problems.add(doc.problem(at + "/line", "reading this line failed: " + e));
                continue;
            }
            LogSignal mine = signals.stream().filter(s -> s.family().equals(f.id())).findFirst().orElse(null);
            if (fx.expect() == null) {
                if (mine != null) problems.add(doc.problem(at + "/line", "this line must not be read as " + f.id() + ", but it is"));
                continue;
            }
            if (mine == null) {
                Set<String> others = new LinkedHashSet<>();
                signals.forEach(s -> others.add(s.family()));
                problems.add(doc.problem(at + "/line", "no pattern of " + f.id() + " reads this line"
                        + (others.isEmpty() ? "" : " (it is read as " + String.join(", ", others) + ")")));
                continue;
            }
            for (var e : fx.expect().entrySet()) {
                if (!SignalFields.readable(e.getKey())) continue;
                String got = SignalFields.valueOf(mine, e.getKey());
                if (!same(e.getValue(), got)) {
                    problems.add(doc.problem(at + "/expect/" + e.getKey(), e.getKey() + ": expected " + (e.getValue() == null ? "nothing" : "\""
                            + e.getValue() + "\"") + ", the line gives " + (got == null ? "nothing" : "\"" + got + "\"")));
                }
            }
        }
    }

    private static boolean same(String expected, String got) {
        if (expected == null || got == null) return expected == got;
        if (expected.equals(got)) return true;
        try {
            return Double.parseDouble(expected) == Double.parseDouble(got);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }
}
