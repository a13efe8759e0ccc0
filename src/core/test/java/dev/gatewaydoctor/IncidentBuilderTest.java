package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.facts.Metric;
import dev.gatewaydoctor.facts.Observation;
import dev.gatewaydoctor.facts.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One incident from everything a helpdesk gets: each kind of input, its warnings kept, into one fact set. */
class IncidentBuilderTest {

    private static final String POOL = "2024/03/01 12:04:17 [error] 1187#1187: *1 connect() to unix:/run/php/php8.2-fpm.sock failed "
            + "(11: Resource temporarily unavailable) while connecting to upstream";
    private static final String FPM = "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it";

    private static IncidentBuilder incident() {
        return TestRules.diagnoser().incident();
    }

    @Test
    void aGzippedLogAPlainOneAStreamAndAReaderEachGiveTheirLinesWithTheirSource(@TempDir Path tmp) throws Exception {
        Path gz = tmp.resolve("error.log.2.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((POOL + "\n" + POOL.replace("*1 ", "*2 ") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path fpm = tmp.resolve("www.log");
        Files.writeString(fpm, FPM + "\n");
        var progress = new ArrayList<Long>();
        FactSet facts = incident()
                .log("auto", gz)
                .log("php-fpm", fpm, progress::add)
                .log("auto", "pasted", new ByteArrayInputStream((FPM + "\n").getBytes(StandardCharsets.UTF_8)))
                .log("nginx-error", "text area", new StringReader(POOL + " \u00e9\u00e8 \ud83d\ude00\n"))
                .build();
        List<LogLine> lines = facts.facts().stream().filter(LogLine.class::isInstance).map(LogLine.class::cast).toList();
        assertThat(lines).extracting(LogLine::source).containsExactly("nginx-error", "php-fpm", "php-fpm", "nginx-error");
        assertThat(lines.get(0).count()).as("identical signals become one line with a count").isEqualTo(2);
        assertThat(lines.get(3).line()).endsWith("\u00e9\u00e8 \ud83d\ude00");
        assertThat(progress).isNotEmpty();
        assertThat(facts.name()).startsWith(gz + " (nginx-error, 2 lines, 2 with signals in 1 kind) + " + fpm + " (php-fpm, ")
                .contains(" + pasted (php-fpm, ", " + text area (nginx-error, ");
    }

    @Test
    void aSingleLineGivesItsSourceOrHasItGuessedFromItsMessage() {
        FactSet facts = incident().logLine("auto", FPM).logLine("auto", POOL).logLine("auto", "nothing known").logLine("syslog", POOL).build();
        assertThat(facts.facts()).extracting(f -> ((LogLine) f).source()).containsExactly("php-fpm", "nginx-error", "other", "syslog");
    }

    @Test
    void curlHarFactSetTicketFactsAndSiteMakeOneFactSetWithEveryWarning(@TempDir Path tmp) throws Exception {
        Path curl = tmp.resolve("curl.txt");
        Files.writeString(curl, "HTTP/2 502 \nserver: nginx/1.24.0 (Ubuntu)\n\n<center>nginx/1.24.0 (Ubuntu)</center>\n");
        Path har = tmp.resolve("checkout.har");
        Files.writeString(har, """
                {"log": {"entries": [{"startedDateTime": "2024-03-01T12:04:17Z", "time": 30,
                  "request": {"method": "GET", "url": "https://shop.example.com/checkout/"},
                  "response": {"status": 504, "headers": [{"name": "Server", "value": "cloudflare"}], "content": {}}}]}}
                """);
        Path set = tmp.resolve("facts.json");
        Files.writeString(set, """
                {"factset": 1, "site": {"webServer": "nginx"}, "colour": "blue",
                 "facts": [{"type": "metric", "name": "requests.per.second", "value": 14}]}
                """);
        var explained = new ArrayList<TicketLine>();
        FactSet facts = incident()
                .curl(curl)
                .har(har)
                .factSet(set)
                .ticket("ticket-4711", "Hi, since this morning the shop gives a 502 Bad Gateway.\nWe are on PHP 8.2.\nThanks!", explained::addAll)
                .fact(Observation.of("retry-succeeds", false))
                .facts(List.of(new Metric("cpu.utilization", 0.4, null, null)))
                .build();
        assertThat(facts.facts()).filteredOn(HttpResponse.class::isInstance).extracting(f -> ((HttpResponse) f).status()).contains(502, 504);
        assertThat(facts.facts()).filteredOn(Metric.class::isInstance).extracting(f -> ((Metric) f).name())
                .containsExactly("requests.per.second", "cpu.utilization");
        assertThat(facts.facts()).filteredOn(Observation.class::isInstance).isNotEmpty();
        assertThat(facts.site().webServer()).as("the fact set's site").isEqualTo("nginx");
        assertThat(facts.site().php()).as("what the ticket adds where the fact set says nothing").isEqualTo("8.2");
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).startsWith(set + ": ").contains("colour"));
        assertThat(explained).hasSize(3).anySatisfy(l -> assertThat(l.became()).isNotEmpty()).anySatisfy(l -> assertThat(l.ignored()).isTrue());
        assertThat(facts.name()).isEqualTo(curl + " + " + har + " + " + set + " + ticket-4711");
    }

    @Test
    void theWindowAndZoneDecideHowLogsAreReadSoTheyComeFirst(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("error.log");
        Files.writeString(log, POOL + "\n" + POOL.replace("12:04:17", "13:30:00") + "\n");
        FactSet facts = incident().timezone(ZoneId.of("Europe/Berlin"))
                .window(Instant.parse("2024-03-01T11:00:00Z"), Instant.parse("2024-03-01T11:59:59Z"))
                .log("auto", log).site(new Site("https://shop.example.com", null, "nginx", null, null, null, null, null)).build();
        assertThat(facts.facts()).filteredOn(LogLine.class::isInstance).hasSize(1);
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).contains("outside the time window"));
        assertThat(facts.site().timezone()).isEqualTo("Europe/Berlin");
        assertThat(facts.site().url()).isEqualTo("https://shop.example.com");

        IncidentBuilder started = incident().log("auto", log);
        assertThatThrownBy(() -> started.timezone(ZoneId.of("UTC"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before adding the first log");
        assertThatThrownBy(() -> started.window(null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badInputsAreRefusedWithWhatIsWrong(@TempDir Path tmp) {
        assertThatThrownBy(() -> incident().log("nginx", tmp.resolve("x.log"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown source \"nginx\"; expected auto or one of [");
        assertThatThrownBy(() -> incident().log("auto", tmp.resolve("nope.log"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.log");
        assertThatThrownBy(() -> incident().log("auto", (Path) null)).isInstanceOf(NullPointerException.class).hasMessage("file");
        assertThatThrownBy(() -> incident().ticket("t", null)).isInstanceOf(NullPointerException.class).hasMessage("text");
        assertThatThrownBy(() -> incident().fact(null)).isInstanceOf(NullPointerException.class).hasMessage("fact");
        assertThat(IncidentBuilder.logSources()).contains("nginx-error", "php-fpm").doesNotContain("auto");
    }

    @Test
    void streamsAndReadersGoInAsFilesDo() throws Exception {
        FactSet facts = incident()
                .factSet("upload.json", new ByteArrayInputStream("{\"factset\": 1, \"facts\": [{\"type\": \"observation\", \"name\": \"retry-succeeds\", \"value\": false}]}"
                        .getBytes(StandardCharsets.UTF_8)))
                .curl("pasted curl", new StringReader("HTTP/1.1 504 Gateway Time-out\nServer: nginx\n\n"))
                .har("upload.har", new ByteArrayInputStream("{\"log\": {\"entries\": []}}".getBytes(StandardCharsets.UTF_8)))
                .name("checkout 504s")
                .build();
        assertThat(facts.name()).isEqualTo("checkout 504s");
        assertThat(facts.facts()).hasSize(2);
        assertThatThrownBy(() -> incident().factSet("broken.json", new ByteArrayInputStream("{\"factset\": 1,".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(dev.gatewaydoctor.facts.FactSetException.class).hasMessageStartingWith("broken.json:");
        assertThatThrownBy(() -> incident().har("x.har", new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("not a HAR file");
    }

    @Test
    void theBuiltFactSetIsDiagnosed() {
        Diagnosis d = TestRules.diagnoser().diagnose(incident().logLine("auto", POOL).logLine("auto", FPM).build());
        assertThat(d.topCause().id()).isEqualTo("php-fpm-pool-exhausted");
    }
}
