package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.facts.Site;
import dev.gatewaydoctor.facts.Tried;
import dev.gatewaydoctor.knowledge.Knowledge;
import dev.gatewaydoctor.knowledge.Phrases;
import dev.gatewaydoctor.recognition.ErrorPageRecognizer;
import dev.gatewaydoctor.recognition.LogSignal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a support ticket or chat transcript as pasted (prose, quoted e-mail, log lines with any
 * prefix, curl -I/-v blocks, an error page's text, Markdown fences) into facts: each line a message
 * family reads becomes a log line with its source guessed from the line; each curl block a response,
 * ending where the block ends; a status named in prose ("Error 522", "502 Bad Gateway" over
 * "nginx/1.18.0") a response whose page says who made it; and the phrasings of {@code phrases.yaml}
 * the site's stack, changes, observations, what was tried and the settings pasted as written. An item of
 * a list is read with the line that leads into it too ("despite upping" over "* php_memory_limit"). Every
 * line says what it became, or that it was ignored, so the agent sees what the diagnosis rests on.
 */
public final class TicketReader {

    /** One line of the ticket and what it became (null: ignored). */
    public record Line(int number, String text, List<String> became) {
        public boolean ignored() {
            return became.isEmpty();
        }
    }

    /** The facts read, and every line with what it became. */
    public record Reading(FactSet facts, List<Line> lines) {
    }

    private static final Pattern QUOTE = Pattern.compile("^(?:\\s*>)+ ?");
    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~)");
    private static final Pattern WRITE_OUT_CODE = Pattern.compile("%\\{(?:http_code|response_code)}");
    private static final Pattern WRITTEN_CODE = Pattern.compile("^\\s*([1-5]\\d\\d)(?!\\d)");
    private static final Pattern URL = Pattern.compile("https?://[^\\s'\"]+");
    private static final Pattern CURL_START = Pattern.compile("^\\s*(?:\\$ )?curl\\s|^\\s*(?:< )?HTTP/[0-9.]{1,3} \\d{3}\\b");
    private static final Pattern CURL_LINE = Pattern.compile("^\\s*(?:[<>*{}] ?.*|HTTP/[0-9.]{1,3} \\d{3}.*|[A-Za-z][A-Za-z0-9-]{0,60}: ?.*|)$");
    private static final Pattern SERVER_LINE = Pattern.compile("^\\s*((?:nginx|openresty|apache|litespeed|cloudflare|caddy)(?:/[\\w.\\-]{1,20})?(?: \\([^)]{1,40}\\))?)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOUDFLARE_STATUS = Pattern.compile("(?i)\\bcloudflare(?:'s)?:? (?:error )?5\\d\\d\\b");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[*+\\-\u2022]|\\d{1,2}[.)])\\s+(\\S.*)$");
    /** PHP's version as packagers write it, without its dot: remi's php74, cPanel's ea-php81. */
    private static final Pattern PHP_WITHOUT_DOT = Pattern.compile("([5-8])([0-9])");
    /** Events that are no change someone made to the site or server: they do not say that something changed. */
    private static final java.util.Set<String> NOT_CHANGES = java.util.Set.of("traffic-spike", "incident", "service-restarted");
    private static final Pattern CLOUDFLARE_PAGE = Pattern.compile("(?i)\\b(?:browser working|cloudflare working|host error|ray id:|cloudflare ray id)\\b");

    private final Knowledge knowledge;

    public TicketReader(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    public Reading read(String name, String text) {
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        String[] lines = new String[raw.length];
        for (int i = 0; i < raw.length; i++) lines[i] = QUOTE.matcher(raw[i]).replaceFirst("");
        var became = new ArrayList<List<String>>();
        for (int i = 0; i < lines.length; i++) became.add(new ArrayList<>());
        var facts = new ArrayList<Fact>();
        var warnings = new ArrayList<String>();
        var site = new LinkedHashMap<String, String>();
        var seen = new LinkedHashSet<Object>(); // a fact said twice counts once

        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || FENCE.matcher(line).find()) continue;
            // A curl block: its command, status lines, headers and curl's notes, up to where it ends.
            if (CURL_START.matcher(line).find()) {
                int end = i;
                var block = new StringBuilder();
                while (end < lines.length && !FENCE.matcher(lines[end]).find()
                        && (end == i || CURL_LINE.matcher(lines[end]).matches() && !(lines[end].isBlank() && endsBlock(lines, end)))) {
                    block.append(lines[end]).append('\n');
                    end++;
                }
                List<HttpResponse> responses = curl(name, block.toString(), warnings);
                int written = end < lines.length ? nextNonBlank(lines, end) : -1;
                Matcher code = written < 0 ? null : WRITTEN_CODE.matcher(lines[written]);
                if (responses.isEmpty() && WRITE_OUT_CODE.matcher(line).find() && code != null && code.find()) {
                    // curl -w '%{http_code}' prints the status alone, on its own line or before the next prompt.
                    Matcher url = URL.matcher(line);
                    var r = new HttpResponse(Integer.parseInt(code.group(1)), url.find() ? url.group() : null, null, null, null, "curl",
                            null, null, null, null, false);
                    if (seen.add(r)) facts.add(r);
                    became.get(i).add("http " + r.status() + " (curl -w, on the line below)");
                    became.get(written).add("the status curl printed above");
                    i = written;
                    continue;
                }
                if (!responses.isEmpty()) {
                    for (HttpResponse r : responses) if (seen.add(r)) facts.add(r);
                    became.get(i).add(responses.size() == 1 ? "http " + responses.get(0).status() + " (curl)" : responses.size() + " http responses (curl)");
                    for (int j = i + 1; j < end; j++) if (!lines[j].isBlank()) became.get(j).add("part of the curl block above");
                    i = end - 1;
                    continue;
                }
            }
            List<LogSignal> signals = knowledge.recognizer().recognize(new LogLine("other", line, null));
            if (!signals.isEmpty()) {
                var log = new LogLine(sourceOf(signals.get(0)), line.strip(), null);
                if (seen.add(log)) facts.add(log);
                became.get(i).add("log " + log.source() + ": " + signals.get(0).family());
                continue;
            }
            Integer code = knowledge.phrases().statusIn(line);
            if (code != null) {
                var headers = new LinkedHashMap<String, String>();
                int next = nextNonBlank(lines, i + 1);
                if (next >= 0) {
                    Matcher server = SERVER_LINE.matcher(lines[next]);
                    if (server.matches()) {
                        headers.put("Server", server.group(1));
                        became.get(next).add("the server line of the page above");
                    }
                }
                // A page's text pasted around the status is the page; a status told in a sentence has no page.
                String paragraph = paragraph(lines, i);
                boolean cloudflarePage = CLOUDFLARE_PAGE.matcher(paragraph).find();
                boolean page = cloudflarePage || headers.containsKey("Server");
                if (cloudflarePage || code >= 520 || CLOUDFLARE_STATUS.matcher(line).find()) {
                    headers.putIfAbsent("Server", "cloudflare"); // 520-527 are Cloudflare's own statuses
                }
                String body = page ? paragraph : "";
                HttpResponse r = ErrorPageRecognizer.response(code, null, headers, body, null, "ticket", null, null);
                if (r.producer() == null && !cloudflarePage && r.cdn() == null && headers.containsKey("Server")) {
                    // The status over a server line is that server's own page as a browser shows it: "502 Bad Gateway" over "nginx".
                    String producer = producerOf(headers.get("Server"));
                    if (producer != null) {
                        r = new HttpResponse(r.status(), r.url(), r.headers(), r.body(), r.path(), r.client(), r.at(), r.latencyMs(),
                                r.cdn(), producer, r.cdnBranded());
                    }
                }
                if (seen.add(List.of(code, headers))) {
                    facts.add(r);
                    became.get(i).add("http " + code + (r.producer() != null ? ", page by " + r.producer() : "") + (r.cdn() != null ? ", through " + r.cdn() : ""));
                } else {
                    became.get(i).add("http " + code + ", as read above"); // not ignored: the same answer told twice
                }
            }
            phrases(line, became.get(i), facts, site, seen);
            String leadIn = leadIn(lines, i);
            if (leadIn != null) {
                // "kept timing out despite upping" over "* php_memory_limit": the item says what the line leading into it left open.
                Matcher item = LIST_ITEM.matcher(line);
                if (item.matches()) phrases(leadIn + " " + item.group(1), became.get(i), facts, site, seen);
            }
        }
        // A writer who names a change has said that something changed: the observation the rules ask for.
        if (facts.stream().anyMatch(f -> f instanceof Event ev && !NOT_CHANGES.contains(ev.kind()))
                && seen.add(List.of("observation", "recent-change-made"))) {
            facts.add(new Observation("recent-change-made", "true", null, null));
        }
        var lineList = new ArrayList<Line>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) continue;
            lineList.add(new Line(i + 1, raw[i], List.copyOf(became.get(i))));
        }
        Site s = new Site(null, site.get("app"), site.get("webServer"), site.get("proxy"),
                site.get("cdn"), site.get("hosting"), site.get("php"), site.get("wordpress"), null, site.get("panel"));
        var builder = FactSet.builder().name(name).site(s).facts(facts);
        warnings.forEach(builder::warning);
        return new Reading(builder.build(), List.copyOf(lineList));
    }

    private void phrases(String line, List<String> became, List<Fact> facts, Map<String, String> site, java.util.Set<Object> seen) {
        Phrases p = knowledge.phrases();
        for (Phrases.Match m : firstPerName(p.site(), line)) {
            String value = m.value();
            if (m.phrase().name().equals("php") && PHP_WITHOUT_DOT.matcher(value).matches()) value = value.charAt(0) + "." + value.charAt(1);
            if (site.putIfAbsent(m.phrase().name(), value) == null) became.add("site " + m.phrase().name() + " = " + value);
        }
        for (Phrases.Phrase phrase : p.events()) {
            Phrases.Match m = phrase.match(line);
            if (m == null) continue;
            var e = new Event(phrase.name(), m.subject(), null);
            if (seen.add(e)) {
                facts.add(e);
                became.add("event " + e.kind() + (e.subject() != null ? " " + e.subject() : ""));
            }
            break; // one change per line: the first kind that reads it
        }
        for (Phrases.Match m : firstPerName(p.observations(), line)) {
            if (!seen.add(List.of("observation", m.phrase().name()))) continue;
            facts.add(new Observation(m.phrase().name(), m.value(), null, null));
            became.add("observation " + m.phrase().name() + " = " + m.value());
        }
        for (Phrases.Match m : firstPerName(p.tried(), line)) {
            if (!seen.add(List.of("tried", m.phrase().name()))) continue;
            facts.add(new Tried(m.phrase().name(), m.value(), null));
            became.add("tried " + m.phrase().name() + ": " + m.value());
        }
        for (Phrases.Match m : firstPerName(p.config(), line)) {
            if (m.value() == null || m.value().isBlank() || !seen.add(List.of("config", m.phrase().name(), m.value()))) continue;
            facts.add(ConfigValue.of(m.phrase().name(), m.value(), null));
            became.add("config " + m.phrase().name() + " = " + m.value());
        }
    }

    /**
     * The line a list item belongs to: the nearest line above its list (a blank line between them allowed)
     * that is no item itself and ends no sentence; null when the line is no item or has none.
     */
    private static String leadIn(String[] lines, int at) {
        if (!LIST_ITEM.matcher(lines[at]).matches()) return null;
        int i = at - 1;
        while (i >= 0 && LIST_ITEM.matcher(lines[i]).matches()) i--;
        if (i >= 0 && lines[i].isBlank()) i--;
        if (i < 0 || lines[i].isBlank() || FENCE.matcher(lines[i]).find()) return null;
        String lead = lines[i].strip();
        return lead.endsWith(".") || lead.endsWith("!") || lead.endsWith("?") ? null : lead;
    }

    /** Who made a page whose server line names it: nginx (or OpenResty), Apache, LiteSpeed, Caddy. */
    private static String producerOf(String server) {
        String s = server.toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("nginx") || s.startsWith("openresty")) return "nginx";
        if (s.startsWith("apache")) return "apache";
        if (s.startsWith("litespeed")) return "litespeed";
        if (s.startsWith("caddy")) return "caddy";
        return null;
    }

    /** For each name (a site field, an observation, a fix), the first of its phrasings that reads the line. */
    private static List<Phrases.Match> firstPerName(List<Phrases.Phrase> phrases, String line) {
        var names = new java.util.HashSet<String>();
        var out = new ArrayList<Phrases.Match>();
        for (Phrases.Phrase phrase : phrases) {
            if (names.contains(phrase.name())) continue;
            Phrases.Match m = phrase.match(line);
            if (m == null) continue;
            names.add(phrase.name());
            out.add(m);
        }
        return out;
    }

    private static List<HttpResponse> curl(String name, String block, List<String> warnings) {
        try {
            HttpTranscripts.Responses r = HttpTranscripts.curl(name, new StringReader(block), null);
            return r.responses();
        } catch (IOException cannotHappenOnAString) {
            warnings.add(name + ": a curl block could not be read: " + cannotHappenOnAString.getMessage());
            return List.of();
        }
    }

    /** A blank line ends a curl block unless a body or another response follows straight after it. */
    private static boolean endsBlock(String[] lines, int blank) {
        int next = nextNonBlank(lines, blank + 1);
        return next < 0 || !CURL_LINE.matcher(lines[next]).matches() || !lines[next].strip().startsWith("<") && !lines[next].strip().startsWith("HTTP/");
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) if (!lines[i].isBlank()) return i;
        return -1;
    }

    /** The paragraph around a line: up to the blank lines before and after it, as a page's text. */
    private static String paragraph(String[] lines, int at) {
        int from = at;
        while (from > 0 && !lines[from - 1].isBlank()) from--;
        int to = at;
        while (to + 1 < lines.length && !lines[to + 1].isBlank()) to++;
        var sb = new StringBuilder();
        for (int i = from; i <= to; i++) sb.append(lines[i]).append('\n');
        return sb.toString().strip();
    }

    /** The source a single log line most likely came from, told by the message family it is read as ("other" when none). */
    public static String sourceOf(dev.gatewaydoctor.recognition.LogRecognizer recognizer, String line) {
        List<LogSignal> signals = recognizer.recognize(new LogLine("other", line, null));
        return signals.isEmpty() ? "other" : sourceOf(signals.get(0));
    }

    /** The source a line most likely came from, by who printed its message. */
    static String sourceOf(LogSignal s) {
        return switch (s.program() == null ? "" : s.program()) {
            case "nginx" -> "nginx-error";
            case "apache" -> "apache-error";
            case "litespeed" -> "litespeed";
            case "caddy" -> "caddy";
            case "php-fpm" -> s.family().equals("fpm-slow-request") ? "php-fpm-slow" : "php-fpm";
            case "php", "wordpress" -> "php-error";
            case "mysql" -> "mysql-error";
            case "kernel", "selinux", "ufw", "firewall" -> "kernel";
            case "systemd", "supervisord", "init" -> "journal";
            case "web-server" -> "nginx-access";
            default -> "other";
        };
    }
}
