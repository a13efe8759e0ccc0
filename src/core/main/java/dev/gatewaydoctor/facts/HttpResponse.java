package dev.gatewaydoctor.facts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One observed HTTP response. Header names are kept lower-case, since HTTP treats them so.
 * {@code producer} and {@code cdn} say who answered, as read from headers and body by
 * the error page recognition.
 */
public record HttpResponse(int status, String url, Map<String, String> headers, String body,
                           String path, String client, Instant at, Long latencyMs,
                           String cdn, String producer, boolean cdnBranded) implements Fact {

/**
 * A response, its header names lower-cased.
 *
 * @param status     the status code
 * @param url        what was requested, or null
 * @param headers    header names to values, or null
 * @param body       an excerpt of the page, or null
 * @param path       through-cdn, direct-origin or unknown (null)
 * @param client     who asked (browser, curl, ...), or null
 * @param at         when, or null
 * @param latencyMs  time to the response, or null
 * @param cdn        the CDN that answered, or null
 * @param producer   who produced the page (nginx, apache, cloudflare, ...), or null
 * @param cdnBranded whether the page is the CDN's own error page
 */
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

    /**
     * A header's value by case-insensitive name.
     *
     * @param name the header's name
     * @return its value, or null
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * 502, 504, Cloudflare's 520-526, or a 503 from a proxy whose upstream failed. WordPress's own
     * maintenance page is a 503 too, but an answer from PHP, not a gateway failing.
     *
     * @return whether the response is of the gateway family
     */
    public boolean gatewayError() {
        if (status == 503) return !"wordpress-maintenance".equals(producer);
        return status == 502 || status == 504 || (status >= 520 && status <= 526);
    }

    /**
     * What a WordPress page says when WordPress itself answered: {@code database-connection-error},
     * {@code critical-error} ("There has been a critical error on this website") or {@code maintenance}.
     *
     * @return the kind of WordPress page, or null when it is none
     */
    public String wordpressPage() {
        String b = body.length() > 200_000 ? body.substring(0, 200_000) : body;
        b = b.toLowerCase(Locale.ROOT);
        if (b.contains("error establishing a database connection")) return "database-connection-error";
        if (b.contains("there has been a critical error on")) return "critical-error";
        if (b.contains("briefly unavailable for scheduled maintenance")) return "maintenance";
        return null;
    }

    /**
     * Whether a cache answered.
     *
     * @return true for an Age header, or X-Cache, X-Proxy-Cache or CF-Cache-Status saying HIT
     */
    public boolean fromCache() {
        String age = headers.get("age");
        if (age != null && age.strip().matches("[1-9]\\d{0,9}")) return true;
        for (String h : new String[] {"x-cache", "x-proxy-cache", "cf-cache-status", "x-litespeed-cache", "x-fastcgi-cache"}) {
            String v = headers.get(h);
            if (v != null && v.toUpperCase(Locale.ROOT).contains("HIT")) return true;
        }
        return false;
    }

/**
 * Whether the request went through a CDN.
 *
 * @return true when its path says so or a CDN answered
 */
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
