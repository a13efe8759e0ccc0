package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RuleProblem;
import dev.gatewaydoctor.text.SourcePositions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A YAML document with the line and column of each value, for problems that point at the right place. */
record YamlDocument(String file, JsonNode root, SourcePositions where) {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    static YamlDocument read(String file, Map<String, String> files, List<RuleProblem> problems) {
        String text = files.get(file);
        if (text == null) {
            problems.add(new RuleProblem(file, 0, 0, "missing: the rules directory needs " + file));
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || !root.isObject()) {
                problems.add(new RuleProblem(file, 1, 1, "expected a YAML mapping at the top"));
                return null;
            }
            return new YamlDocument(file, root, SourcePositions.of(MAPPER.getFactory(), text));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(new RuleProblem(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "not valid YAML: " + explain(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            problems.add(new RuleProblem(file, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    /** The top-level list under {@code key}, or null once the problem ({@code expected}) is added. */
    JsonNode list(String key, String expected, List<RuleProblem> problems) {
        JsonNode list = root.get(key);
        if (list != null && list.isArray()) return list;
        problems.add(problem("/" + key, expected));
        return null;
    }

    RuleProblem problem(String pointer, String message) {
        JsonLocation loc = where.nearest(pointer);
        return new RuleProblem(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), message);
    }

    String text(JsonNode node, String at, String field, List<RuleProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(problem(at + "/" + field, "expected \"" + field + "\" (text)"));
            return null;
        }
        return v.asText();
    }

    /**
     * The parser's own words, in one line: what it expected and found, and what it was reading (SnakeYAML
     * says both, over several lines, with the text quoted); with a hint when the cause is indentation,
     * as it most often is.
     */
    static String explain(String parserMessage) {
        if (parserMessage == null) return "the parser gave no reason";
        String context = null;
        String problem = null;
        for (String line : parserMessage.split("\n")) {
            String t = line.strip();
            if (t.startsWith("while ") && context == null) context = t;
            else if ((t.startsWith("expected") || t.startsWith("found") || t.startsWith("mapping values") || t.startsWith("did not find")
                    || t.startsWith("could not find")) && problem == null) problem = t;
        }
        if (problem == null) problem = parserMessage.split("\n")[0].strip();
        String said = problem + (context != null ? " (" + context + ")" : "");
        boolean indentation = said.contains("block end") || said.contains("block mapping") || said.contains("block collection")
                || said.contains("mapping values are not allowed") || said.contains("simple key");
        return said + (indentation ? "; check the indentation here: the keys of one item start in the same column, under the first"
                + " key after its dash, and a value with a colon in it needs quotes" : "");
    }
}
