package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.facts.SourcePositions;

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
            String msg = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage().split("\n")[0];
            problems.add(new RuleProblem(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), "not valid YAML: " + msg));
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
}

