package dev.gatewaydoctor.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real log lines of a WordPress site, as shippers send them: an nginx access log, nginx's error log and PHP-FPM's, in
 * the forms of rules/families' fixtures and facts-samples/php-fpm-pool-exhausted.json, at the times a test asks for.
 */
final class SiteLogs {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper JSON_READER = JSON;
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter NGINX = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter FPM = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ROOT);

    /** One record of the logs topic: key, value, and the time the line says. */
    record Rec(String key, String value, Instant at) {
    }

    private SiteLogs() {
    }

    static String json(String site, String source, String line) {
        ObjectNode o = JSON.createObjectNode().put("site", site).put("source", source).put("line", line);
        return o.toString();
    }

    /**
     * The same lines as a server whose logs are in local time would write them, each record naming that zone
     * as a shipper does: nginx's and PHP-FPM's stamps in the zone's time, the access log's with its offset.
     */
    static List<Rec> inZone(List<Rec> lines, java.time.ZoneId zone) {
        var out = new ArrayList<Rec>();
        for (Rec r : lines) {
            try {
                ObjectNode o = (ObjectNode) JSON.readTree(r.value());
                String line = o.get("line").asText();
                java.time.LocalDateTime utc = r.at().atOffset(ZoneOffset.UTC).toLocalDateTime();
                java.time.LocalDateTime local = r.at().atZone(zone).toLocalDateTime();
                line = line.replace(NGINX.format(utc), NGINX.format(local)).replace(FPM.format(utc), FPM.format(local));
                o.put("line", line).put("timezone", zone.getId());
                out.add(new Rec(r.key(), o.toString(), r.at()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static Rec access(String site, Instant at, String path, int status, int client) {
        String line = "203.0.113." + client + " - - [" + CLF.format(at.atOffset(ZoneOffset.ofHours(1))) + "] \"GET " + path
                + " HTTP/2.0\" " + status + " " + (status == 200 ? "48211" : "552") + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
        return new Rec(site, json(site, "nginx-access", line), at);
    }

    /** nginx cannot reach a full PHP-FPM pool (EAGAIN on its socket). */
    static Rec poolRefused(String site, Instant at, int request, int client) {
        String line = NGINX.format(at.atOffset(ZoneOffset.UTC)) + " [error] 1187#1187: *" + request + " connect() to unix:/run/php/php8.2-fpm.sock "
                + "failed (11: Resource temporarily unavailable) while connecting to upstream, client: 198.51.100." + client
                + ", server: shop.example.com, request: \"GET /checkout/ HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", "
                + "host: \"shop.example.com\"";
        return new Rec(site, json(site, "nginx-error", line), at);
    }

    static Rec maxChildren(String site, Instant at) {
        String line = "[" + FPM.format(at.atOffset(ZoneOffset.UTC)) + "] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it";
        return new Rec(site, json(site, "php-fpm", line), at);
    }

    /** A favicon that is not there: the kind of noise that fills a real error log. */
    static Rec favicon(String site, Instant at, int request) {
        String line = NGINX.format(at.atOffset(ZoneOffset.UTC)) + " [error] 1187#1187: *" + request + " open() \"/var/www/html/favicon.ico\" failed "
                + "(2: No such file or directory), client: 198.51.100.9, server: shop.example.com, request: \"GET /favicon.ico HTTP/2.0\"";
        return new Rec(site, json(site, "nginx-error", line), at);
    }

    /** Healthy traffic: one request every {@code every} seconds from {@code from} to {@code to}, a missing favicon now and then. */
    static List<Rec> healthy(String site, Instant from, Instant to, int every) {
        var out = new ArrayList<Rec>();
        int n = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(every), n++) {
            out.add(access(site, t, "/product/" + (n % 40) + "/", 200, n % 250));
            if (n % 30 == 0) out.add(favicon(site, t, n));
        }
        return out;
    }

    /**
     * The pool is full from {@code from} to {@code to}: each request every {@code every} seconds fails, nginx says why,
     * and PHP-FPM warns once a minute.
     */
    static List<Rec> poolExhausted(String site, Instant from, Instant to, int every) {
        var out = new ArrayList<Rec>();
        int n = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(every), n++) {
            if (n % Math.max(1, 60 / every) == 0) out.add(maxChildren(site, t));
            out.add(poolRefused(site, t, 88000 + n, n % 250));
            out.add(access(site, t, "/checkout/", 502, n % 250));
        }
        return out;
    }

    static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }
}
