package dev.gatewaydoctor.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.recognition.ErrorPageRecognizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP responses as people capture them: a {@code curl -i}, {@code curl -sSIL} or {@code curl -v}
 * transcript (several responses when redirects were followed), or a browser's HAR export.
 */
public final class HttpTranscripts {

    /** A body is kept up to here: error pages say who wrote them in their first kilobytes. */
    static final int MAX_BODY = 64 * 1024;

    private static final Pattern STATUS_LINE = Pattern.compile("^(?:< )?HTTP/(?:\\d(?:\\.\\d)?) (\\d{3})(?: .*)?$");
    private static final Pattern HEADER = Pattern.compile("^(?:< )?([!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}):\\s?(.*)$");

    /** The responses read, and what could not be read. */
    public record Responses(List<HttpResponse> responses, List<String> warnings) {
    }

    private HttpTranscripts() {
    }

    /**
     * A curl transcript: each status line ({@code HTTP/1.1 502 Bad Gateway}, {@code HTTP/2 502},
     * {@code < HTTP/2 502} from -v) starts a response, its headers follow up to a blank line, then its
     * body (with -i) up to the next status line. Request lines ({@code > GET /}) and curl's notes
     * ({@code * Connected}) are skipped.
     */
    public static Responses curl(String name, Reader reader, String url) throws IOException {
        var out = new ArrayList<HttpResponse>();
        var warnings = new ArrayList<String>();
        var in = new BufferedReader(reader);
        Integer status = null;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = null;
        boolean inHeaders = false;
        String location = url;
        String line;
        long lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.length() > LogIngest.MAX_LINE) line = line.substring(0, LogIngest.MAX_LINE);
            Matcher m = STATUS_LINE.matcher(line.strip());
            if (m.matches()) {
                if (status != null) out.add(response(status, location, headers, body));
                if (status != null && headers.containsKey("location")) location = headers.get("location");
                status = Integer.valueOf(m.group(1));
                headers = new LinkedHashMap<>();
                body = null;
                inHeaders = true;
                continue;
            }
            if (line.startsWith("> ") || line.startsWith("* ") || line.equals(">") || line.startsWith("{ ") || line.startsWith("} ")) continue;
            if (status == null) continue; // before the first response: a command line, a prompt
            if (inHeaders) {
                String h = line.startsWith("< ") ? line.substring(2) : line;
                if (h.isBlank() || line.equals("<")) {
                    inHeaders = false;
                    body = new StringBuilder();
                    continue;
                }
                Matcher hm = HEADER.matcher(h);
                if (hm.matches()) headers.put(hm.group(1).toLowerCase(java.util.Locale.ROOT), hm.group(2).strip());
                else warnings.add(name + ":" + lineNo + ": not a header line, skipped");
                continue;
            }
            if (body != null && body.length() < MAX_BODY) body.append(line).append('\n');
        }
        if (status != null) out.add(response(status, location, headers, body));
        if (out.isEmpty()) warnings.add(name + ": no HTTP status line found (expected the output of curl -i, curl -sSIL or curl -v)");
        return new Responses(List.copyOf(out), List.copyOf(warnings));
    }

    private static HttpResponse response(int status, String url, Map<String, String> headers, StringBuilder body) {
        String b = body == null ? null : body.toString().strip();
        return ErrorPageRecognizer.response(status, url, headers, b == null || b.isEmpty() ? null : b, null, "curl", null, null);
    }

    /**
     * A browser's HAR export ({@code log.entries[]}), read entry by entry: a HAR with page bodies runs to
     * hundreds of megabytes and is never held whole. Keeps every response with a status of 400 or more,
     * and the documents' own responses (mimeType text/html), since a page that loads tells as much.
     */
    public static Responses har(String name, InputStream in) throws IOException {
        var out = new ArrayList<HttpResponse>();
        var warnings = new ArrayList<String>();
        var factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxStringLength(512 * 1024 * 1024).build()).build();
        var mapper = new ObjectMapper(factory);
        long entries = 0;
        long kept = 0;
        try (JsonParser p = factory.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new HarException(name + ": not a HAR file (expected a JSON object with \"log\")");
            boolean foundEntries = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("log")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String logField = p.currentName();
                    p.nextToken();
                    if (!logField.equals("entries") || p.currentToken() != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    foundEntries = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode entry = mapper.readTree(p);
                        entries++;
                        HttpResponse r = entry(entry);
                        if (r != null) {
                            out.add(r);
                            kept++;
                        }
                    }
                }
            }
            if (!foundEntries) throw new HarException(name + ": not a HAR file (no log.entries)");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HarException(name + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
        }
        if (entries > 0 && kept == 0) warnings.add(name + ": none of its " + entries + " requests failed or loaded a page");
        return new Responses(List.copyOf(out), List.copyOf(warnings));
    }

    private static HttpResponse entry(JsonNode e) {
        JsonNode res = e.path("response");
        int status = res.path("status").asInt(0);
        if (status < 100 || status > 599) return null; // 0: the browser got no response (blocked, cancelled)
        String mime = res.path("content").path("mimeType").asText("");
        if (status < 400 && !mime.startsWith("text/html")) return null;
        var headers = new LinkedHashMap<String, String>();
        for (JsonNode h : res.path("headers")) headers.merge(h.path("name").asText(""), h.path("value").asText(""), (a, b) -> a + ", " + b);
        headers.remove("");
        String body = res.path("content").path("text").asText(null);
        if (body != null && "base64".equals(res.path("content").path("encoding").asText(""))) {
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(body.length() > 2 * MAX_BODY ? body.substring(0, 2 * MAX_BODY) : body);
                body = new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException bad) {
                body = null;
            }
        }
        if (body != null && body.length() > MAX_BODY) body = body.substring(0, MAX_BODY);
        Instant at = null;
        try {
            if (e.hasNonNull("startedDateTime")) at = OffsetDateTime.parse(e.get("startedDateTime").asText()).toInstant();
        } catch (java.time.format.DateTimeParseException ignored) {
            // a HAR from a tool with another time format: the response counts without its time
        }
        Long latency = e.path("time").isNumber() ? Math.round(e.path("time").asDouble()) : null;
        String url = e.path("request").path("url").asText(null);
        return ErrorPageRecognizer.response(status, url, headers, body, null, "browser", at, latency != null && latency >= 0 ? latency : null);
    }

    /** A HAR file that cannot be read as one. */
    public static final class HarException extends IOException {
        public HarException(String message) {
            super(message);
        }
    }
}
