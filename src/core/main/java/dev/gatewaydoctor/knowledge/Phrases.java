package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What people write in tickets, read as facts ({@code phrases.yaml}): the stack they name, the changes
 * they made, what they saw and what they tried. Knowledge, so that a domain expert teaches a new
 * phrasing without Java; every entry's examples are checked when the rules load.
 *
 * @param site         a site field and its value (given, or the pattern's {@code value} group)
 * @param events       an event kind, with the pattern's {@code subject} group as its subject
 * @param observations an observation name and its value
 * @param tried        a fix and the outcome the writer reports
 * @param config       a setting pasted as written in its file ({@code fastcgi_pass unix:/run/php/x.sock;},
 *                     {@code listen = 9000}): its config name, the pattern's {@code value} group its value
 * @param statuses     a gateway status told in prose ("Error 522", "it returns a 504"): the form of words as
 *                     its name, the pattern's {@code value} group the status
 */
public record Phrases(List<Phrase> site, List<Phrase> events, List<Phrase> observations, List<Phrase> tried, List<Phrase> config,
                      List<Phrase> statuses) {

    public static final Phrases NONE = new Phrases(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /** The site fields a phrase may fill. */
    public static final Set<String> SITE_FIELDS = Set.of("app", "php", "wordpress", "webServer", "proxy", "cdn", "hosting", "panel");
    static final Set<String> OUTCOMES = Set.copyOf(dev.gatewaydoctor.facts.Tried.OUTCOMES);

    /**
     * One phrasing: what it gives ({@code name}: the site field, event kind, observation or fix;
     * {@code value}: the field's value, the observation's value or the outcome) and its pattern.
     */
    public record Phrase(String name, String value, Pattern pattern) {

        /** What this phrase reads in a line, or null: the value (or the site field's), and the subject group. */
        public Match match(String line) {
            var m = pattern.matcher(line);
            if (!m.find()) return null;
            String subject = pattern.namedGroups().containsKey("subject") ? m.group("subject") : null;
            return new Match(this, valueOf(m), subject == null ? null : subject.strip(), m.group());
        }

        /** The value a match gives: the pattern's value group when it took part, else the phrase's own value. */
        String valueOf(com.google.re2j.Matcher m) {
            return pattern.namedGroups().containsKey("value") && m.group("value") != null ? m.group("value") : value;
        }
    }

    /** What a phrase read: its value, the subject of an event, and the words that matched. */
    public record Match(Phrase phrase, String value, String subject, String words) {
    }

    /**
     * @param configRead whether a rule reads a config name (by the name, or by how it begins or ends:
     *                   {@code name str[endsWith] "image"}); a config phrase no rule reads is warned, as a
     *                   fact nobody reads is: the setting is still read, and a rule may read it tomorrow
     * @param examples   whether each pattern is tried on its examples and non-examples (not for files the build checked)
     */
    static Phrases read(Map<String, String> files, Set<String> observations, Set<String> fixes, List<String> eventKinds,
                        java.util.function.Predicate<String> configRead, boolean examples, List<RuleProblem> problems, List<RuleProblem> warnings) {
        if (!files.containsKey("phrases.yaml")) return NONE;
        YamlDocument doc = YamlDocument.read("phrases.yaml", files, problems);
        if (doc == null) return NONE;
        return new Phrases(
                list(doc, "site", "field", examples, problems, (name, at) -> SITE_FIELDS.contains(name) ? null
                        : "no site field \"" + name + "\"; expected one of " + new java.util.TreeSet<>(SITE_FIELDS)),
                list(doc, "events", "kind", examples, problems, (name, at) -> eventKinds.contains(name) ? null
                        : "no event kind \"" + name + "\"" + Vocabulary.didYouMean(name, eventKinds)),
                list(doc, "observations", "name", examples, problems, (name, at) -> observations.contains(name) ? null
                        : "no check in checks.yaml for the observation \"" + name + "\"" + Vocabulary.didYouMean(name, observations)),
                list(doc, "tried", "fix", examples, problems, (name, at) -> fixes.contains(name) ? null
                        : "no fix \"" + name + "\" in fixes.yaml" + Vocabulary.didYouMean(name, fixes)),
                list(doc, "config", "name", examples, problems, (name, at) -> {
                    if (!configRead.test(name)) {
                        warnings.add(doc.problem(at + "/name", "no rule reads the config value \"" + name
                                + "\": the setting is read and weighs nothing (docs/causes.md lists the config values the rules read)"));
                    }
                    return null;
                }),
                list(doc, "statuses", "form", examples, problems, (name, at) -> null));
    }

    /**
     * The gateway status a line tells in prose, or null: the one told first in the line, whichever form of
     * words tells it ("we got a 504, now it says Error 502" was a 504 first).
     */
    public Integer statusIn(String line) {
        int at = Integer.MAX_VALUE;
        Integer status = null;
        for (Phrase p : statuses) {
            var m = p.pattern().matcher(line);
            if (!m.find() || m.start() >= at) continue;
            // A form names its status with a value group, or by its words alone ("a bad gateway": value 502).
            String value = p.valueOf(m);
            // rules check refuses a form whose examples read no 5xx; a line it reads otherwise is no gateway status
            if (isGatewayStatus(value)) {
                at = m.start();
                status = Integer.valueOf(value);
            }
        }
        return status;
    }

    private static boolean isGatewayStatus(String value) {
        return value != null && value.matches("5\\d\\d");
    }

    private interface NameCheck {
        String problem(String name, String at);
    }

    private static List<Phrase> list(YamlDocument doc, String key, String nameField, boolean tryExamples, List<RuleProblem> problems, NameCheck check) {
        var out = new ArrayList<Phrase>();
        JsonNode list = doc.root().get(key);
        if (list == null) return out;
        if (!list.isArray()) {
            problems.add(doc.problem("/" + key, "expected \"" + key + "\": a list of phrasings"));
            return out;
        }
        String valueField = key.equals("tried") ? "outcome" : "value";
        for (int i = 0; i < list.size(); i++) {
            String at = "/" + key + "/" + i;
            JsonNode e = list.get(i);
            String name = e.path(nameField).asText(null);
            if (name == null || name.isBlank()) {
                problems.add(doc.problem(at, "expected \"" + nameField + "\""));
                continue;
            }
            String problem = check.problem(name, at);
            if (problem != null) problems.add(doc.problem(at + "/" + nameField, problem));
            String value = e.hasNonNull(valueField) ? e.get(valueField).asText() : null;
            if (key.equals("tried") && (value == null || !OUTCOMES.contains(value))) {
                problems.add(doc.problem(at + "/outcome", "expected \"outcome\": one of " + new java.util.TreeSet<>(OUTCOMES)));
            }
            if (key.equals("observations") && !"true".equals(value) && !"false".equals(value)) {
                problems.add(doc.problem(at + "/value", "expected \"value\": true or false"));
            }
            if (e.path("match").asText("").isEmpty()) {
                problems.add(doc.problem(at + "/match", "expected \"match\": the pattern of the phrasing"));
                continue;
            }
            Pattern p;
            try {
                p = Pattern.compile("(?i)" + e.path("match").asText());
            } catch (PatternSyntaxException ex) {
                problems.add(doc.problem(at + "/match", "the pattern does not compile: " + ex.getDescription() + " at `" + ex.getPattern() + "`"));
                continue;
            }
            if (key.equals("site") && value == null && !p.namedGroups().containsKey("value")) {
                problems.add(doc.problem(at, "a site phrase gives a value: \"value: ...\", or a (?<value>...) group in its pattern"));
            }
            if (key.equals("config") && !p.namedGroups().containsKey("value")) {
                problems.add(doc.problem(at + "/match", "a config phrase reads the setting's value: a (?<value>...) group in its pattern"));
            }
            if (key.equals("statuses") && !p.namedGroups().containsKey("value") && !isGatewayStatus(value)) {
                problems.add(doc.problem(at + "/match", "a status phrase reads the status: a (?<value>...) group in its pattern, such as"
                        + " (?<value>50[234]|52[0-7]), or a value: from 500 to 599 for a form that names its status by its words alone"));
                continue;
            }
            var phrase = new Phrase(name, value, p);
            JsonNode examples = e.get("examples");
            if (examples == null || !examples.isArray() || examples.isEmpty()) {
                problems.add(doc.problem(at + "/examples", "expected \"examples\": sentences as people write them, which the pattern must read"));
            } else if (tryExamples) {
                for (int j = 0; j < examples.size(); j++) {
                    Match read = phrase.match(examples.get(j).asText());
                    if (read == null) {
                        problems.add(doc.problem(at + "/examples/" + j, "the pattern does not read its example \"" + examples.get(j).asText() + "\""));
                    } else if (key.equals("statuses") && !isGatewayStatus(read.value())) {
                        problems.add(doc.problem(at + "/examples/" + j, "the pattern reads \"" + read.value() + "\" as the status of its example \""
                                + examples.get(j).asText() + "\"; expected a status from 500 to 599"));
                    }
                }
            }
            JsonNode nonExamples = e.get("nonExamples");
            if (tryExamples && nonExamples != null && nonExamples.isArray()) {
                for (int j = 0; j < nonExamples.size(); j++) {
                    if (phrase.match(nonExamples.get(j).asText()) != null) {
                        problems.add(doc.problem(at + "/nonExamples/" + j, "the pattern reads \"" + nonExamples.get(j).asText() + "\", which it must not"));
                    }
                }
            }
            out.add(phrase);
        }
        return List.copyOf(out);
    }
}
