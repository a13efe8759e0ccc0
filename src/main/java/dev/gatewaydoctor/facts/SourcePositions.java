package dev.gatewaydoctor.facts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON or YAML document starts, by JSON pointer, so that an error about a value
 * can name its line and column. A missing field is placed at the nearest enclosing value.
 */
public final class SourcePositions {

    private final Map<String, JsonLocation> starts;

    private SourcePositions(Map<String, JsonLocation> starts) {
        this.starts = starts;
    }

    /** Reads the positions of a document that has already parsed once (a failure here only loses positions). */
    public static SourcePositions of(JsonFactory factory, String text) {
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
        return new SourcePositions(starts);
    }

    /** The value at the pointer, else its nearest enclosing value, else the document; null when unknown. */
    public JsonLocation nearest(String pointer) {
        String p = pointer;
        JsonLocation loc = starts.get(p);
        while (loc == null && p.lastIndexOf('/') > 0) {
            p = p.substring(0, p.lastIndexOf('/'));
            loc = starts.get(p);
        }
        return loc != null ? loc : starts.get("");
    }
}
