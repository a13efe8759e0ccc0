package dev.gatewaydoctor.facts;

import dev.gatewaydoctor.recognition.ErrorPageRecognizer;
import dev.gatewaydoctor.text.Numbers;
import dev.gatewaydoctor.text.SourcePositions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads fact-set JSON (format version 1, docs/factset.md). A document is taken whole
 * or rejected whole with a {@link FactSetException}; fields and fact types this version does not know
 * are accepted with a warning, since newer tools may write them.
 */
public final class FactSetReader {

    static final int MAX_DEPTH = 64;
    static final List<String> EXPECT_FIELDS = List.of("causes", "fixes", "notCauses", "culprit", "alsoProbable", "tags");
    static final Set<String> TOP_LEVEL = Set.of("factset", "name", "site", "facts", "expect", "provenance");
    static final List<String> PROVENANCE_FIELDS = List.of("url", "basis", "retrieved");
    static final Set<String> SITE_FIELDS = Set.of("url", "app", "webServer", "proxy", "cdn", "hosting", "php", "wordpress", "timezone", "panel");
    static final Set<String> LOG_SOURCES = Set.of("nginx-error", "nginx-access", "apache-error", "apache-access",
            "litespeed", "caddy", "php-fpm", "php-fpm-slow", "php-error", "wp-debug", "mysql-error", "syslog", "journal",
            "kernel", "docker", "cdn", "other");
    static final Set<String> HTTP_PATHS = Set.of("through-cdn", "direct-origin", "unknown");

    /** A whole log pasted into one string is read (and cut, with a warning) rather than refused; beyond this it is refused. */
    static final int MAX_STRING = 256 * 1024 * 1024;
    /** Log lines longer than this are cut: no message family needs more, and a pasted file should not fill the heap. */
    static final int MAX_LOG_LINE = 64 * 1024;
    /** Metrics that are ratios, 0..1 (the spec); a value in (1, 100] was most likely written as a percentage. */
    private static final Set<String> RATIOS = Set.of("cpu.utilization", "memory.utilization", "swap.utilization", "disk.utilization",
            "error.rate.5xx", "requests.bot.share", "container.memory.utilization");

    private final ObjectMapper mapper;
    private final JsonFactory factory;

/** A reader; it holds no state between documents and may be shared between threads. */
    public FactSetReader() {
        factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING).build())
                .build();
        mapper = new ObjectMapper(factory);
    }

    /**
     * Reads a file; errors name it as given.
     *
     * @param file the fact-set JSON file
     * @return the fact set
     * @throws FactSetException when the file cannot be read or is not a valid fact set
     */
    public FactSet read(Path file) throws FactSetException {
        String name = java.util.Objects.requireNonNull(file, "file").toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FactSetException(name, null, 0, 0, "no such file");
        } catch (IOException e) {
            throw new FactSetException(name, null, 0, 0, "cannot read the file: " + e.getMessage());
        }
        return read(name, bytes);
    }

    /**
     * Reads a document held in memory.
     *
     * @param name what errors call it
     * @param utf8 the document's bytes, UTF-8
     * @return the fact set
     * @throws FactSetException when it is not valid UTF-8 or not a valid fact set
     */
    public FactSet read(String name, byte[] utf8) throws FactSetException {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(utf8, "utf8");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new FactSetException(name, null, 0, 0, "expected UTF-8 text; the file holds invalid UTF-8 (binary data?)");
        }
        return read(name, text);
    }

/**
 * Reads a document's text.
 *
 * @param name what errors call it
 * @param json the document
 * @return the fact set
 * @throws FactSetException when it is not a valid fact set
 */
    public FactSet read(String name, String json) throws FactSetException {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(json, "json");
        JsonNode root;
        try (JsonParser parser = factory.createParser(json)) {
            root = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new FactSetException(name, null, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    "not valid JSON: " + cleanJacksonMessage(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new FactSetException(name, null, 0, 0, "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new FactSetException(name, "", 1, 1, "expected a JSON object with \"factset\" and \"facts\"; the document is empty");
        }
        return new Document(name, root, SourcePositions.of(factory, json)).factSet();
    }

    private static String cleanJacksonMessage(String message) {
        if (message == null) return "syntax error";
        // Jackson appends hints meant for Java developers; a user needs only the first sentence.
        int cut = message.indexOf("\n");
        String m = cut < 0 ? message : message.substring(0, cut);
        m = m.replaceAll(": enable `[^`]*` to allow$", "").replaceAll(", from `[^`]*`", "")
                .replaceAll("\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)", "(opened at line $1, column $2)")
                .replaceAll(" ?\\[Source: [^\\]]*\\]", "");
        if (m.startsWith("Non-standard token 'NaN'") || m.contains("'Infinity'")) return m + " (JSON has no NaN or Infinity)";
        return m;
    }

    /** One document being converted: knows its name and where each value is. */
    private static final class Document {
        private final String name;
        private final JsonNode root;
        private final SourcePositions where;
        private final List<String> warnings = new ArrayList<>();

        Document(String name, JsonNode root, SourcePositions where) {
            this.name = name;
            this.root = root;
            this.where = where;
        }

        FactSetException error(String pointer, String problem) {
            JsonLocation loc = where.nearest(pointer);
            return new FactSetException(name, pointer, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), problem);
        }

        FactSet factSet() throws FactSetException {
            if (!root.isObject()) throw error("", "expected a JSON object with \"factset\" and \"facts\", found " + kind(root));
            JsonNode version = root.get("factset");
            if (version == null) throw error("/factset", "expected the field \"factset\" (the format version, 1); it is missing");
            if (!version.isIntegralNumber() || version.asInt() != 1 || !version.canConvertToInt()) {
                throw error("/factset", "expected format version 1, found " + show(version)
                        + (version.isIntegralNumber() ? " (this version of GatewayDoctor reads version 1 only)" : ""));
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!TOP_LEVEL.contains(field)) warnings.add("ignored unknown top-level field \"" + field + "\"");
            }
            JsonNode facts = root.get("facts");
            if (facts == null) throw error("/facts", "expected the field \"facts\" (a list of observations, may be empty); it is missing");
            if (!facts.isArray()) throw error("/facts", "expected a list of facts, found " + kind(facts));
            String title = optionalText(root, "/name");
            Site site = site();
            var list = new ArrayList<Fact>();
            for (int i = 0; i < facts.size(); i++) {
                Fact f = fact(facts.get(i), "/facts/" + i);
                if (f != null) list.add(f);
            }
            return new FactSet(title, site, list, expectation(), warnings, provenance());
        }

        private Site site() throws FactSetException {
            JsonNode s = root.get("site");
            if (s == null || s.isNull()) return Site.UNKNOWN;
            if (!s.isObject()) throw error("/site", "expected an object describing the site, found " + kind(s));
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!SITE_FIELDS.contains(field)) warnings.add("ignored unknown field \"site." + field + "\"");
            }
            String timezone = optionalText(s, "/site/timezone");
            if (timezone != null) {
                try {
                    java.time.ZoneId.of(timezone.strip());
                } catch (java.time.DateTimeException e) {
                    throw error("/site/timezone", "expected a time zone such as Europe/Berlin or +02:00, found \"" + timezone + "\"");
                }
            }
            return new Site(optionalText(s, "/site/url"), optionalText(s, "/site/app"), optionalText(s, "/site/webServer"),
                    optionalText(s, "/site/proxy"), optionalText(s, "/site/cdn"), optionalText(s, "/site/hosting"),
                    optionalScalar(s, "/site/php"), optionalText(s, "/site/wordpress"), timezone, optionalText(s, "/site/panel"));
        }

        private Provenance provenance() throws FactSetException {
            JsonNode p = root.get("provenance");
            if (p == null || p.isNull()) return null;
            if (!p.isObject()) throw error("/provenance", "expected an object (url, basis, retrieved), found " + kind(p));
            for (var it = p.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!PROVENANCE_FIELDS.contains(field)) warnings.add("ignored unknown field \"provenance." + field + "\" (expected one of " + PROVENANCE_FIELDS + ")");
            }
            return new Provenance(optionalText(p, "/provenance/url"), optionalText(p, "/provenance/basis"), optionalScalar(p, "/provenance/retrieved"));
        }

        private Expectation expectation() throws FactSetException {
            JsonNode e = root.get("expect");
            if (e == null || e.isNull()) return null;
            if (!e.isObject()) throw error("/expect", "expected an object (causes, fixes, notCauses, culprit), found " + kind(e));
            for (var it = e.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!EXPECT_FIELDS.contains(field)) warnings.add("ignored unknown field \"expect." + field + "\" (expected one of " + EXPECT_FIELDS + ")");
            }
            return new Expectation(idList(e, "/expect/causes"), idList(e, "/expect/fixes"), idList(e, "/expect/notCauses"),
                    optionalText(e, "/expect/culprit"), idList(e, "/expect/alsoProbable"), idList(e, "/expect/tags"));
        }

        private List<String> idList(JsonNode parent, String pointer) throws FactSetException {
            JsonNode n = parent.get(last(pointer));
            if (n == null || n.isNull()) return null;
            if (!n.isArray()) throw error(pointer, "expected a list of ids, found " + kind(n));
            var out = new ArrayList<String>();
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) throw error(pointer + "/" + i, "expected an id (a string), found " + kind(n.get(i)));
                out.add(n.get(i).asText());
            }
            return List.copyOf(out);
        }

        private Fact fact(JsonNode f, String at) throws FactSetException {
            if (!f.isObject()) throw error(at, "expected a fact (an object with a \"type\"), found " + kind(f));
            JsonNode type = f.get("type");
            if (type == null) throw error(at + "/type", "expected the field \"type\" (http, log, metric, config, event, observation, tried); it is missing");
            if (!type.isTextual()) throw error(at + "/type", "expected the fact type as a string, found " + kind(type));
            Instant when = instant(f, at + "/at");
            return switch (type.asText()) {
                case "http" -> http(f, at, when);
                case "log" -> log(f, at, when);
                case "metric" -> metric(f, at, when);
                case "config" -> ConfigValue.of(requiredText(f, at + "/name"), requiredScalar(f, at + "/value"), when);
                case "event" -> new Event(requiredText(f, at + "/kind"), optionalScalar(f, at + "/subject"), when);
                case "observation" -> observation(f, at, when);
                case "tried" -> tried(f, at, when);
                default -> {
                    warnings.add("ignored fact " + at + " of unknown type \"" + type.asText() + "\"");
                    yield null;
                }
            };
        }

        private Fact tried(JsonNode f, String at, Instant when) throws FactSetException {
            String fix = requiredText(f, at + "/fix");
            String outcome = requiredText(f, at + "/outcome");
            if (!Tried.OUTCOMES.contains(outcome)) {
                throw error(at + "/outcome", "expected one of " + String.join(", ", Tried.OUTCOMES) + ", found " + show(f.get("outcome")));
            }
            return new Tried(fix, outcome, when);
        }

        private Fact http(JsonNode f, String at, Instant when) throws FactSetException {
            JsonNode status = f.get("status");
            if (status == null) throw error(at + "/status", "expected the field \"status\" (an HTTP status code 100..599); it is missing");
            if (!status.isIntegralNumber() || !status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
                throw error(at + "/status", "expected an HTTP status code 100..599, found " + show(status));
            }
            var headers = new LinkedHashMap<String, String>();
            JsonNode h = f.get("headers");
            if (h != null && !h.isNull()) {
                if (!h.isObject()) throw error(at + "/headers", "expected an object of header names to values, found " + kind(h));
                for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        throw error(at + "/headers/" + escape(e.getKey()), "expected the header's value as a string, found " + kind(e.getValue()));
                    }
                    headers.put(e.getKey(), e.getValue().asText());
                }
            }
            String path = optionalText(f, at + "/path");
            if (path != null && !HTTP_PATHS.contains(path)) {
                throw error(at + "/path", "expected one of through-cdn, direct-origin, unknown, found " + show(f.get("path")));
            }
            Long latency = null;
            JsonNode l = f.get("latencyMs");
            if (l != null && !l.isNull()) {
                if (!l.isNumber() || l.asDouble() < 0 || !Double.isFinite(l.asDouble())) {
                    throw error(at + "/latencyMs", "expected a number of milliseconds >= 0, found " + show(l));
                }
                latency = l.asLong();
            }
            return ErrorPageRecognizer.response(status.asInt(), optionalText(f, at + "/url"), headers,
                    optionalText(f, at + "/body"), path, optionalText(f, at + "/client"), when, latency);
        }

        private Fact log(JsonNode f, String at, Instant when) throws FactSetException {
            String source = requiredText(f, at + "/source");
            if (!LOG_SOURCES.contains(source)) {
                warnings.add("log source \"" + source + "\" at " + at + " is not one of the spec's sources; the line is read all the same");
            }
            String line = requiredText(f, at + "/line");
            if (line.length() > MAX_LOG_LINE) {
                warnings.add("log line at " + at + " is " + String.format(java.util.Locale.ROOT, "%,d", line.length())
                        + " characters; read up to the first " + MAX_LOG_LINE / 1024 + " KB (was a whole file pasted into one line?)");
                line = line.substring(0, MAX_LOG_LINE);
            }
            // Extensions of the format, for tools that send one line of each kind: how many lines said it, and when the last did.
            int count = 1;
            JsonNode c = f.get("count");
            if (c != null && !c.isNull()) {
                if (!c.canConvertToInt() || !c.isIntegralNumber() || c.asInt() < 1) {
                    throw error(at + "/count", "expected how many lines said this: a whole number of 1 or more, found " + show(c));
                }
                count = c.asInt();
            }
            var examples = new ArrayList<String>();
            JsonNode e = f.get("examples");
            if (e != null && !e.isNull()) {
                if (!e.isArray()) throw error(at + "/examples", "expected a list of other lines like this one, found " + kind(e));
                for (int i = 0; i < e.size(); i++) {
                    if (!e.get(i).isTextual()) throw error(at + "/examples/" + i, "expected a log line (a string), found " + kind(e.get(i)));
                    String x = e.get(i).asText();
                    examples.add(x.length() > MAX_LOG_LINE ? x.substring(0, MAX_LOG_LINE) : x);
                }
            }
            return new LogLine(source, line, when, count, instant(f, at + "/lastAt"), examples);
        }

        private Fact metric(JsonNode f, String at, Instant when) throws FactSetException {
            String name = requiredText(f, at + "/name");
            JsonNode v = f.get("value");
            if (v == null) throw error(at + "/value", "expected the field \"value\" (a number); it is missing");
            if (!v.isNumber()) throw error(at + "/value", "expected a number, found " + show(v));
            if (!Double.isFinite(v.asDouble())) throw error(at + "/value", "expected a number within range; this one overflows a double");
            double value = v.asDouble();
            if (value < 0) {
                warnings.add("ignored metric " + name + " at " + at + ": " + Numbers.format(value) + " is negative, which no measure here can be");
                return null;
            }
            if (RATIOS.contains(name) && value > 1) {
                if (value > 100) {
                    warnings.add("ignored metric " + name + " at " + at + ": " + Numbers.format(value) + " is neither a ratio (0..1) nor a percentage");
                    return null;
                }
                warnings.add("metric " + name + " at " + at + " is " + Numbers.format(value) + ", above 1: read as a percentage, "
                        + Numbers.format(value / 100) + " (ratios are 0..1)");
                value = value / 100;
            }
            return new Metric(name, value, optionalText(f, at + "/unit"), when);
        }

        private Fact observation(JsonNode f, String at, Instant when) throws FactSetException {
            String name = requiredText(f, at + "/name");
            JsonNode v = f.get("value");
            if (v == null) throw error(at + "/value", "expected the field \"value\" (true/false, a number or a string); it is missing");
            if (v.isBoolean()) return new Observation(name, Boolean.toString(v.asBoolean()), null, when);
            if (v.isNumber()) {
                if (!Double.isFinite(v.asDouble())) throw error(at + "/value", "expected a finite number, found " + show(v));
                return new Observation(name, Numbers.format(v.asDouble()), v.asDouble(), when);
            }
            if (v.isTextual()) return new Observation(name, v.asText(), Numbers.parseNumber(v.asText()), when);
            throw error(at + "/value", "expected true/false, a number or a string, found " + kind(v));
        }

        private Instant instant(JsonNode f, String pointer) throws FactSetException {
            String text = optionalText(f, pointer);
            if (text == null) return null;
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    Instant i = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                    warnings.add(pointer + " has no time zone; read as UTC");
                    return i;
                } catch (DateTimeParseException e2) {
                    throw error(pointer, "expected an ISO-8601 time such as 2024-03-01T10:00:00Z, found " + show(f.get("at")));
                }
            }
        }

        private String requiredText(JsonNode parent, String pointer) throws FactSetException {
            JsonNode n = parent.get(last(pointer));
            if (n == null || n.isNull()) throw error(pointer, "expected the field \"" + last(pointer) + "\" (a string); it is missing");
            if (!n.isTextual()) throw error(pointer, "expected a string, found " + kind(n));
            return n.asText();
        }

        /** A string, or a number or boolean written where a string was meant ("value": 5 for "5"). */
        private String requiredScalar(JsonNode parent, String pointer) throws FactSetException {
            JsonNode n = parent.get(last(pointer));
            if (n == null || n.isNull()) throw error(pointer, "expected the field \"" + last(pointer) + "\" (a string); it is missing");
            if (!n.isValueNode()) throw error(pointer, "expected a string, found " + kind(n));
            return n.isNumber() ? Numbers.format(n.asDouble()) : n.asText();
        }

        private String optionalScalar(JsonNode parent, String pointer) throws FactSetException {
            JsonNode n = parent.get(last(pointer));
            if (n == null || n.isNull()) return null;
            return requiredScalar(parent, pointer);
        }

        private String optionalText(JsonNode parent, String pointer) throws FactSetException {
            JsonNode n = parent.get(last(pointer));
            if (n == null || n.isNull()) return null;
            if (!n.isTextual()) throw error(pointer, "expected a string, found " + kind(n));
            return n.asText();
        }

        private static String last(String pointer) {
            return pointer.substring(pointer.lastIndexOf('/') + 1);
        }

        private static String escape(String key) {
            return key.replace("~", "~0").replace("/", "~1");
        }

        private static String kind(JsonNode n) {
            if (n.isObject()) return "an object";
            if (n.isArray()) return "a list";
            if (n.isTextual()) return "the string " + show(n);
            if (n.isBoolean()) return n.asText();
            if (n.isNull()) return "null";
            return "the number " + n.asText();
        }

        private static String show(JsonNode n) {
            String s = n.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }
    }
}
