package dev.gatewaydoctor.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON or YAML document starts, by JSON pointer, so that an error about a value
 * can name its line and column. A missing field is placed at the nearest enclosing value. The document
 * is scanned only when a position is first asked for: a valid document never pays for it. One instance
 * serves one read, on one thread.
 */
public final class SourcePositions {

    private final JsonFactory factory;
    private final String text;
    private Map<String, JsonLocation> starts;

    private SourcePositions(JsonFactory factory, String text) {
        this.factory = factory;
        this.text = text;
    }

    /** Positions of a document that has already parsed once (a failure while scanning only loses positions). */
    public static SourcePositions of(JsonFactory factory, String text) {
        return new SourcePositions(factory, text);
    }

    private static Map<String, JsonLocation> scan(JsonFactory factory, String text) {
        var starts = new HashMap<String, JsonLocation>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                starts.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
            }
        } catch (IOException e) {
            // Positions are a help for error messages; the document itself was already read.
        }
        return starts;
    }

    /** The value at the pointer, else its nearest enclosing value, else the document; null when unknown. */
    public JsonLocation nearest(String pointer) {
        if (starts == null) starts = scan(factory, text);
        String p = pointer;
        JsonLocation loc = starts.get(p);
        while (loc == null && p.lastIndexOf('/') > 0) {
            p = p.substring(0, p.lastIndexOf('/'));
            loc = starts.get(p);
        }
        return loc != null ? loc : starts.get("");
    }
}
