package dev.gatewaydoctor.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes a fact set as a version-1 document ({@code docs/factset.md}), the one {@link FactSetReader} reads back
 * to an equal fact set: a support tool saves what it gathered, the service exports confirmed cases for replay.
 * What the reader derives (who produced an error page, a config value's bytes) is not written; it is derived
 * again on reading. Warnings are not part of the document.
 */
public final class FactSetWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FactSetWriter() {
    }

    /**
     * The document.
     *
     * @param facts the fact set, with its expectation and provenance if it has them
     * @return the JSON document, indented, ending with a newline
     */
    public static String write(FactSet facts) {
        Objects.requireNonNull(facts, "facts");
        try {
            return JSON.writeValueAsString(tree(facts)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serialises
        }
    }

    private static ObjectNode tree(FactSet fs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("factset", 1);
        put(root, "name", fs.name());
        ObjectNode site = site(fs.site());
        if (!site.isEmpty()) root.set("site", site);
        ArrayNode facts = root.putArray("facts");
        for (Fact f : fs.facts()) facts.add(fact(f));
        if (fs.expect() != null) root.set("expect", expect(fs.expect()));
        if (fs.provenance() != null) {
            ObjectNode p = root.putObject("provenance");
            put(p, "url", fs.provenance().url());
            put(p, "basis", fs.provenance().basis());
            put(p, "retrieved", fs.provenance().retrieved());
        }
        return root;
    }

    private static ObjectNode site(Site s) {
        ObjectNode o = JSON.createObjectNode();
        if (s == null) return o;
        put(o, "url", s.url());
        put(o, "app", s.app());
        put(o, "webServer", s.webServer());
        put(o, "proxy", s.proxy());
        put(o, "cdn", s.cdn());
        put(o, "hosting", s.hosting());
        put(o, "php", s.php());
        put(o, "wordpress", s.wordpress());
        put(o, "timezone", s.timezone());
        put(o, "panel", s.panel());
        return o;
    }

    private static ObjectNode fact(Fact f) {
        ObjectNode o = JSON.createObjectNode();
        if (f instanceof HttpResponse h) {
            o.put("type", "http");
            o.put("status", h.status());
            put(o, "url", h.url());
            if (h.headers() != null && !h.headers().isEmpty()) {
                ObjectNode headers = o.putObject("headers");
                h.headers().forEach(headers::put);
            }
            put(o, "body", h.body());
            put(o, "path", h.path());
            put(o, "client", h.client());
            put(o, "at", h.at());
            if (h.latencyMs() != null) o.put("latencyMs", h.latencyMs());
        } else if (f instanceof LogLine l) {
            o.put("type", "log");
            o.put("source", l.source());
            o.put("line", l.line());
            put(o, "at", l.at());
            if (l.count() != 1) o.put("count", l.count());
            put(o, "lastAt", l.lastAt());
            if (l.examples() != null && !l.examples().isEmpty()) {
                ArrayNode examples = o.putArray("examples");
                l.examples().forEach(examples::add);
            }
        } else if (f instanceof Metric m) {
            o.put("type", "metric");
            o.put("name", m.name());
            o.put("value", m.value());
            put(o, "unit", m.unit());
            put(o, "at", m.at());
        } else if (f instanceof ConfigValue c) {
            o.put("type", "config");
            o.put("name", c.name());
            o.put("value", c.value());
            put(o, "at", c.at());
        } else if (f instanceof Event e) {
            o.put("type", "event");
            o.put("kind", e.kind());
            put(o, "subject", e.subject());
            put(o, "at", e.at());
        } else if (f instanceof Observation ob) {
            o.put("type", "observation");
            o.put("name", ob.name());
            if (ob.number() == null && ("true".equals(ob.value()) || "false".equals(ob.value()))) {
                o.put("value", Boolean.parseBoolean(ob.value()));
            } else {
                o.put("value", ob.value()); // text reads back to the same value and number
            }
            put(o, "at", ob.at());
        } else if (f instanceof Tried t) {
            o.put("type", "tried");
            o.put("fix", t.fix());
            o.put("outcome", t.outcome());
            put(o, "at", t.at());
        } else {
            throw new IllegalArgumentException("a fact of a type the format does not have: " + f.getClass().getName());
        }
        return o;
    }

    private static ObjectNode expect(Expectation e) {
        ObjectNode o = JSON.createObjectNode();
        list(o, "causes", e.causes());
        list(o, "fixes", e.fixes());
        list(o, "notCauses", e.notCauses());
        put(o, "culprit", e.culprit());
        list(o, "alsoProbable", e.alsoProbable());
        list(o, "tags", e.tags());
        return o;
    }

    private static void list(ObjectNode o, String field, List<String> values) {
        if (values == null) return;
        ArrayNode a = o.putArray(field);
        values.forEach(a::add);
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) o.put(field, value);
    }

    private static void put(ObjectNode o, String field, Instant value) {
        if (value != null) o.put(field, value.toString());
    }
}
