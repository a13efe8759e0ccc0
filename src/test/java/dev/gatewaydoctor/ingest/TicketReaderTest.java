package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.TestRules;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support tickets written from public threads' own wording (each with its thread in its .expect.json),
 * read as a helpdesk would paste them: every fact a careful reader finds is checked field by field.
 */
class TicketReaderTest {

    static final Path TICKETS = Path.of("src/test/resources/tickets");
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
    static final double FOUND_AT_LEAST = 0.56;

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
