package dev.gatewaydoctor.service;

import java.util.Map;

/** The library's advice names API calls; a client of the service does the same with a multipart field or a setting. */
final class ServiceWords {

    private static final Map<String, String> FIELDS = Map.of(
            "WritableRules.ALLOW", "serve --allow-writable-rules",
            "IncidentBuilder.timezone", "the multipart field timezone");

    private ServiceWords() {
    }

    static String of(String text) {
        String out = text;
        for (var e : FIELDS.entrySet()) out = out.replace(e.getKey(), e.getValue());
        return out;
    }
}
