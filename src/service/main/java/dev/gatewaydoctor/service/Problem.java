package dev.gatewaydoctor.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as RFC 9457 problem details: {@code type}, {@code title}, {@code status}, {@code detail}, and
 * fields of its own (a bad fact set's {@code line}, {@code column}, {@code pointer}; the closest ids).
 * Thrown by a handler; the server writes it as {@code application/problem+json}.
 */
public final class Problem extends RuntimeException {

    /** Where the problem types are described (docs/service.md#errors), one anchor per type. */
    static final String TYPES = "https://gatewaydoctor.dev/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> fields;

    public Problem(int status, String type, String title, String detail, Map<String, Object> fields) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.fields = new LinkedHashMap<>(fields);
    }

    public Problem(int status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public int status() {
        return status;
    }

    /** The problem document, its members in the RFC's order, then the problem's own. */
    public Map<String, Object> document() {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("type", TYPES + type);
        doc.put("title", title);
        doc.put("status", status);
        doc.put("detail", getMessage());
        doc.putAll(fields);
        return doc;
    }

    static Problem badRequest(String type, String title, String detail) {
        return new Problem(400, type, title, detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail);
    }

    static Problem tooLarge(long max) {
        return new Problem(413, "body-too-large", "Request body too large",
                "the request body is larger than the service accepts: " + max + " bytes (serve --max-body)", Map.of("maxBytes", max));
    }
}
