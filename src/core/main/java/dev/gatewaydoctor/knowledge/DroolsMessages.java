package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Metric;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.facts.Site;
import dev.gatewaydoctor.recognition.LogSignal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Drools's compiler messages into what a rules author needs: the fact type or field that is
 * unknown, what is known instead (with the nearest name), and the column, found in the rule's text.
 */
final class DroolsMessages {

    /** The fact types rules may match, by the name rules use. */
    static final Map<String, Class<?>> FACT_TYPES = new LinkedHashMap<>();

    static {
        for (Class<?> c : List.of(HttpResponse.class, LogLine.class, LogSignal.class, Metric.class, ConfigValue.class, Event.class,
                Observation.class, Site.class)) {
            FACT_TYPES.put(c.getSimpleName(), c);
        }
        // The engine's facts by name: the engine depends on the knowledge, not the reverse.
        for (String name : List.of("Onset", "RecordEnd", "EventTiming", "ErrorSeen", "ErrorRate", "ErrorTimeline",
                "TrafficAroundOnset", "Evidence", "Hypothesis", "Treatment", "Listed")) {
            try {
                FACT_TYPES.put(name, Class.forName("dev.gatewaydoctor.engine." + name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the engine's fact type " + name + " is missing from the build", e);
            }
        }
    }

    private static final Pattern UNKNOWN_TYPE = Pattern.compile("Unable to resolve ObjectType '([\\w.]+)'");
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+) (.*)$");

    private DroolsMessages() {
    }

    static RuleProblem plain(String file, int line, int column, String message, String text) {
        Matcher m = UNKNOWN_TYPE.matcher(message);
        if (m.find()) {
            String type = m.group(1);
            return new RuleProblem(file, line, columnOf(text, line, type, column),
                    "unknown fact type " + type + nearest(type, FACT_TYPES.keySet()) + "; rules match " + String.join(", ", FACT_TYPES.keySet())
                            + " (docs/authoring-rules.md)");
        }
        m = UNKNOWN_FIELD.matcher(message);
        if (m.find()) {
            String owner = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
            String field = m.group(2);
            Class<?> type = FACT_TYPES.get(owner);
            var fields = type == null ? new TreeSet<String>() : fields(type);
            return new RuleProblem(file, line, columnOf(text, line, field, column),
                    owner + " has no field \"" + field + "\"" + nearest(field, fields) + (fields.isEmpty() ? "" : "; its fields: " + String.join(", ", fields)));
        }
        m = PARSER.matcher(message);
        if (m.find()) {
            return new RuleProblem(file, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1, "DRL syntax: " + m.group(3));
        }
        return new RuleProblem(file, line, column, message);
    }

    /** The fields a rule can read on a fact type: record components and public derived values. */
    static TreeSet<String> fields(Class<?> type) {
        var out = new TreeSet<String>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0 || method.getDeclaringClass() == Object.class) continue;
            if (method.getReturnType() == void.class) continue;
            String name = method.getName();
            if (List.of("describe", "toString", "hashCode", "getClass", "epochMillis", "durationMillis").contains(name)) continue;
            out.add(name);
        }
        return out;
    }

    private static int columnOf(String text, int line, String word, int fallback) {
        if (text == null || line <= 0) return fallback;
        String[] lines = text.split("\n", -1);
        if (line > lines.length) return fallback;
        int at = lines[line - 1].indexOf(word);
        return at < 0 ? fallback : at + 1;
    }

    private static String nearest(String name, java.util.Collection<String> known) {
        List<String> close = new ArrayList<>();
        for (String k : known) if (distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)) <= 2) close.add(k);
        close.sort(Comparator.comparingInt(k -> distance(name, k)));
        return close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)";
    }

    private static int distance(String a, String b) {
        return Vocabulary.edits(a, b);
    }
}
