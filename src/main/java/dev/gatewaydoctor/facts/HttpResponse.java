package dev.gatewaydoctor.facts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One observed HTTP response. Header names are kept lower-case, since HTTP treats them so.
 * {@code producer} and {@code cdn} say who answered, as read from headers and body by
 * {@link dev.gatewaydoctor.recognition.ErrorPageRecognizer}.
 */
public record HttpResponse(int status, String url, Map<String, String> headers, String body,
                           String path, String client, Instant at, Long latencyMs,
                           String cdn, String producer, boolean cdnBranded) implements Fact {

    public HttpResponse {
        headers = lowerCaseNames(headers);
        path = path == null ? "unknown" : path;
        body = body == null ? "" : body;
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        var out = new TreeMap<String, String>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A header's value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** 502, 504, Cloudflare's 520-526, or a 503 from a proxy whose upstream failed. */
    public boolean gatewayError() {
        return status == 502 || status == 503 || status == 504 || (status >= 520 && status <= 526);
    }

    public boolean throughCdn() {
        return "through-cdn".equals(path) || cdn != null;
    }

    @Override
    public String describe() {
        var sb = new StringBuilder("HTTP ").append(status);
        if (url != null) sb.append(" for ").append(url);
        if (producer != null) sb.append(", page by ").append(producer);
        if (cdn != null) sb.append(", through ").append(cdn).append(cdnBranded ? " (branded error page)" : "");
        if (!"unknown".equals(path)) sb.append(", ").append(path);
        return sb.toString();
    }
}
