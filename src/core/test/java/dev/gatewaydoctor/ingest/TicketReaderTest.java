package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.Event;
import dev.gatewaydoctor.facts.Fact;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.facts.Tried;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support tickets written from public threads' own wording (each with its thread in its .expect.json),
 * read as a helpdesk would paste them: every fact a careful reader finds is checked field by field.
 */
class TicketReaderTest {

    static final Path TICKETS = Path.of("src/core/test/resources/tickets");
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> tickets() throws IOException {
        try (Stream<Path> files = Files.list(TICKETS)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    static TicketReader.Reading read(Path ticket) throws IOException {
        return new TicketReader(TestRules.knowledge()).read(ticket.getFileName().toString(), Files.readString(ticket));
    }

    static JsonNode expected(Path ticket) throws IOException {
        return JSON.readTree(ticket.resolveSibling(ticket.getFileName().toString().replace(".txt", ".expect.json")).toFile());
    }

    @Test
    void thereAreTwentyTicketsEachWithItsThread() throws IOException {
        List<Path> all = tickets();
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        var causes = new java.util.TreeSet<String>();
        for (Path t : all) {
            JsonNode e = expected(t);
            assertThat(e.path("source").asText()).as(t.toString()).startsWith("http");
            causes.add(e.path("cause").asText());
        }
        assertThat(causes).as("causes the tickets cover").hasSizeGreaterThanOrEqualTo(10);
    }

    /**
     * Field by field, the share of the facts a careful reader finds that the reader finds too, over all
     * tickets: it may only grow (docs/tickets.md records it). On failure, every fact missed is listed.
     */
    static final double FOUND_AT_LEAST = 0.96;

    @Test
    void theTicketsGiveTheFactsAReaderFinds() throws IOException {
        int expected = 0;
        var missing = new ArrayList<String>();
        for (Path t : tickets()) {
            TicketReader.Reading r = read(t);
            JsonNode e = expected(t);
            List<Fact> facts = r.facts().facts();
            for (JsonNode f : e.path("facts")) {
                expected++;
                if (!found(f, facts)) missing.add(t.getFileName() + ": " + f);
            }
            var site = e.path("site").fields();
            while (site.hasNext()) {
                var field = site.next();
                expected++;
                String got = siteField(r, field.getKey());
                if (got == null || !got.equalsIgnoreCase(field.getValue().asText())) {
                    missing.add(t.getFileName() + ": site." + field.getKey() + " = " + field.getValue().asText() + " (read " + got + ")");
                }
            }
        }
        double found = 1.0 - (double) missing.size() / expected;
        System.out.printf(Locale.ROOT, "tickets: %d of %d expected facts found (%.0f%%)%n", expected - missing.size(), expected, 100 * found);
        assertThat(found).as("share of expected facts found; missed:%n%s", String.join("\n", missing)).isGreaterThanOrEqualTo(FOUND_AT_LEAST);
    }

    @TestFactory
    Stream<DynamicTest> everyLogLineAndStatusOfATicketIsRead() throws IOException {
        // What the software printed is read whatever the prose around it: log lines and statuses, always.
        return tickets().stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> {
            TicketReader.Reading r = read(t);
            var missing = new ArrayList<String>();
            for (JsonNode f : expected(t).path("facts")) {
                String type = f.path("type").asText();
                if ((type.equals("log")) && !found(f, r.facts().facts())) missing.add(f.toString());
            }
            assertThat(missing).as("log lines of %s not read; it read:%n%s", t.getFileName(), describe(r)).isEmpty();
        }));
    }

    /** docs/tickets.md records how many tickets rank their labelled cause first; that figure may only grow. */
    @Test
    void atLeastAsManyTicketsRankTheirCauseFirstAsTheDocumentSays() throws IOException {
        Matcher recorded = Pattern.compile("(\\d+) of the 20\\s+tickets rank their labelled cause first")
                .matcher(Files.readString(Path.of("docs/tickets.md")));
        assertThat(recorded.find()).as("docs/tickets.md says how many tickets rank their cause first").isTrue();
        var wrong = new ArrayList<String>();
        int first = 0;
        for (Path t : tickets()) {
            var d = TestRules.diagnoser().diagnose(read(t).facts());
            String cause = expected(t).path("cause").asText();
            if (d.topCause() != null && d.topCause().id().equals(cause)) first++;
            else wrong.add(t.getFileName() + ": " + cause + ", got " + (d.topCause() == null ? "nothing" : d.topCause().id()));
        }
        assertThat(first).as("tickets whose labelled cause ranks first; the others: %s", wrong)
                .isGreaterThanOrEqualTo(Integer.parseInt(recorded.group(1)));
    }

    static TicketReader.Reading readText(String text) {
        return new TicketReader(TestRules.knowledge()).read("ticket.txt", text);
    }

    @Test
    void aListIsReadWithTheLineThatLeadsIntoIt() {
        // "despite upping" over a list of settings: each item is a setting raised in vain.
        var r = readText("WordPress kept timing out despite upping\n\n* php_memory_limit\n* fastcgi_buffers\n");
        assertThat(r.facts().facts()).contains(new Tried("increase-memory-limit", "no-change", null),
                new Tried("increase-proxy-buffers", "no-change", null));
        // A line that ends its sentence leads into nothing: the items are read alone.
        var alone = readText("We looked at the settings despite upping nothing.\n* php_memory_limit\n");
        assertThat(alone.facts().facts()).noneMatch(f -> f instanceof Tried);
    }

    @Test
    void aStatusOverTheServersLineIsThatServersPage() {
        var r = readText("The site shows this:\n\n502 Bad Gateway\nnginx/1.18.0 (Ubuntu)\n");
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502 && "nginx".equals(h.producer()));
        // A status told in a sentence names no page.
        var told = readText("since this morning it returns a 502\n");
        assertThat(told.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502 && h.producer() == null);
    }

    @Test
    void aStatusNamedByItsWordsAloneOrByAClientLibraryIsRead() {
        var words = readText("When I open the dashboard I get bad gateway.\n");
        assertThat(words.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502);
        var library = readText("Reason: 504 Server Error: Gateway Time-out for url: https://api.example.com/v1/config\n");
        assertThat(library.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 504);
        // A version number after "updated to" is the app's release, not PHP's, unless PHP is named.
        var release = readText("I updated to 7.5.2 this morning and the API answers 502.\n");
        assertThat(release.facts().facts()).noneMatch(f -> f instanceof Event e && e.kind().equals("php-upgraded"))
                .anyMatch(f -> f instanceof Event e && e.kind().equals("deploy"));
    }

    @Test
    void aBrowserConsoleLineGivesItsStatus() {
        // As Chrome's console prints a failed request (erpnext#7252): the reason in brackets.
        var r = readText("libs.min.js:3684 GET https://beta.example.com/socket.io/?EIO=3&transport=polling&t=1481899142556-0 502 (Bad Gateway)\n");
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502);
        var timeout = readText("POST https://shop.example.com/wp-admin/admin-ajax.php 504 (Gateway Timeout)\n");
        assertThat(timeout.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 504);
        // The same status told again is read, not ignored: --explain-input says so.
        var twice = readText("POST https://shop.example.com/cart 502 (Bad Gateway)\nError: 502, Next Hop Connection Failed\n");
        assertThat(twice.lines().get(1).ignored()).isFalse();
        assertThat(twice.lines().get(1).became()).containsExactly("http 502, as read above");
    }

    @Test
    void theStatusCurlWritesOutIsAResponse() {
        var r = readText("Checked from the server itself:\n\n$ curl -s -o /dev/null -w \"%{http_code}\" https://shop.example.com/wp-admin/\n502\n\nthen it works again\n");
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502 && "curl".equals(h.client())
                && "https://shop.example.com/wp-admin/".equals(h.url()));
        // Printed without a newline, before the next prompt.
        var glued = readText("curl -so /dev/null -w '%{response_code}' http://127.0.0.1:8080\n504root@web1:~#\n");
        assertThat(glued.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 504);
        // A curl command with no write-out: a number below it is not its status.
        var plain = readText("curl -s http://127.0.0.1/health\n502 requests today\n");
        assertThat(plain.facts().facts()).noneMatch(f -> f instanceof HttpResponse h && "curl".equals(h.client()));
    }

    @Test
    void aPhpVersionWrittenWithoutItsDotGetsItBack() {
        assertThat(readText("yum install php74-php-fpm from remi, then 502\n").facts().site().php()).isEqualTo("7.4");
        assertThat(readText("the site runs on ea-php81\n").facts().site().php()).isEqualTo("8.1");
    }

    @Test
    void theApplicationTheWriterNamesIsTheSites() {
        assertThat(readText("nginx 뒤에 스프링 부트 애플리케이션을 띄웠는데 502\n").facts().site().app()).isEqualTo("spring-boot");
        assertThat(readText("Our Django app under gunicorn answers 502 Bad Gateway\n").facts().site().app()).isEqualTo("django");
        assertThat(readText("The load balancer took a node out, then 502 Bad Gateway\n").facts().site().app()).as("a node is no Node.js: the default, WordPress").isEqualTo("wordpress");
    }

    @Test
    void aServiceRestartedIsNoChangeSomeoneMade() {
        var r = readText("AutoSSL installs a certificate, then apache restarted (by cPanel)\n");
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof Event e && e.kind().equals("service-restarted"));
        assertThat(r.facts().facts()).noneMatch(f -> f instanceof Observation o && o.name().equals("recent-change-made"));
    }

    @Test
    void settingsPastedAsWrittenAreConfigValues() {
        var r = readText("nginx has\n```nginx\nfastcgi_pass unix:/run/php/php-fpm.sock;\n```\nbut php-fpm -tt says\n\nlisten = 9000\n\n"
                + "docker exec php sh -c 'printf \"listen = /run/php/php-fpm.sock\"'\n");
        assertThat(r.facts().facts()).filteredOn(f -> f instanceof ConfigValue).map(f -> ((ConfigValue) f).name() + " = " + ((ConfigValue) f).value())
                .containsExactly("nginx.fastcgi_pass = unix:/run/php/php-fpm.sock", "php-fpm.listen = 9000");
        // The two disagree: the rules say the web server connects where PHP-FPM does not listen.
        var d = TestRules.diagnoser().diagnose(r.facts());
        assertThat(d.causes().get(0).id()).isEqualTo("upstream-address-mismatch");
    }

    @Test
    void aTimeoutPastedAndTheTimeItFailsAfterAreATimeoutOnThePath() {
        // As nextcloud/spreed#9522 told it: HAProxy's "timeout server", and a 504 after exactly that long.
        var r = readText("Our HAProxy config:\n\n    timeout server 30s\n\nChat requests fail with 504 after exactly 30 seconds.\n");
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 504);
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof ConfigValue c && c.name().equals("haproxy.timeout_server") && c.seconds() == 30.0);
        assertThat(r.facts().facts()).anyMatch(f -> f instanceof Observation o && o.name().equals("fails-after-fixed-duration"));
        assertThat(TestRules.diagnoser().diagnose(r.facts()).causes().get(0).id()).isEqualTo("php-execution-timeout");
        // A status a request "ends in" or "answers with" is a status too; a number of them is not.
        assertThat(readText("the upload ends in a 502\n").facts().facts()).anyMatch(f -> f instanceof HttpResponse h && h.status() == 502);
        assertThat(readText("we served 503 pages today\n").facts().facts()).noneMatch(f -> f instanceof HttpResponse);
    }

    private static boolean found(JsonNode f, List<Fact> facts) {
        String type = f.path("type").asText();
        return switch (type) {
            // The line as the reader keeps it: a message quoted inside a sentence is read with its sentence.
            case "log" -> facts.stream().anyMatch(x -> x instanceof LogLine l && (l.line().strip().equals(f.path("line").asText().strip())
                    || l.line().contains(f.path("line").asText().strip())));
            case "http" -> facts.stream().anyMatch(x -> x instanceof HttpResponse h && h.status() == f.path("status").asInt()
                    && (!f.has("cdn") || f.path("cdn").asText().equalsIgnoreCase(String.valueOf(h.cdn())))
                    // A CDN's own status (Cloudflare's 52x) told in a sentence: through the CDN, whose page it was.
                    && (!f.has("producer") || f.path("producer").asText().equalsIgnoreCase(String.valueOf(h.producer()))
                    || f.path("producer").asText().equalsIgnoreCase(String.valueOf(h.cdn()))));
            // The kind; a subject is the writer's words, which the expectations paraphrase.
            case "event" -> facts.stream().anyMatch(x -> x instanceof Event ev && ev.kind().equals(f.path("kind").asText()));
            case "observation" -> facts.stream().anyMatch(x -> x instanceof Observation o && o.name().equals(f.path("name").asText())
                    && o.value().equals(f.path("value").asText()));
            case "tried" -> facts.stream().anyMatch(x -> x instanceof Tried tr && tr.fix().equals(f.path("fix").asText())
                    && tr.outcome().equals(f.path("outcome").asText()));
            default -> false;
        };
    }

    private static String siteField(TicketReader.Reading r, String field) {
        var s = r.facts().site();
        return switch (field) {
            case "php" -> s.php();
            case "wordpress" -> s.wordpress();
            case "webServer" -> s.webServer();
            case "proxy" -> s.proxy();
            case "cdn" -> s.cdn();
            case "hosting" -> s.hosting();
            case "panel" -> s.panel();
            default -> null;
        };
    }

    private static String describe(TicketReader.Reading r) {
        var sb = new StringBuilder();
        r.lines().forEach(l -> sb.append(String.format("%4d %s%n     -> %s%n", l.number(), l.text(), l.ignored() ? "ignored" : String.join("; ", l.became()))));
        sb.append("site: ").append(r.facts().site());
        return sb.toString();
    }
}
