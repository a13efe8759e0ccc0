package dev.gatewaydoctor.facts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the writer writes, the reader reads back to an equal fact set: every shipped sample and real incident. */
class FactSetWriterTest {

    /** The fact set without its reading warnings; a site's unsaid app is WordPress, which the document then says. */
    private static FactSet withoutWarnings(FactSet f) {
        Site s = f.site();
        Site said = new Site(s.url(), s.app(), s.webServer(), s.proxy(), s.cdn(), s.hosting(), s.php(), s.wordpress(), s.timezone(), s.panel());
        return new FactSet(f.name(), said, f.facts(), f.expect(), List.of(), f.provenance());
    }

    private static FactSet roundTrip(FactSet f) throws FactSetException {
        return new FactSetReader().read("written", FactSetWriter.write(f).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everySampleAndRealIncidentReadsBackEqual() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("facts-samples"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(300);
        for (Path p : files) {
            FactSet read = new FactSetReader().read(p);
            FactSet again = roundTrip(read);
            assertThat(withoutWarnings(again)).as(p.toString()).isEqualTo(withoutWarnings(read));
            assertThat(again.warnings()).as(p + ": the written document reads without new warnings")
                    .allSatisfy(w -> assertThat(read.warnings()).contains(w));
        }
    }

    @Test
    void everyKindOfFactAndValueReadsBackEqual() throws Exception {
        Instant at = Instant.parse("2024-03-01T10:00:00Z");
        FactSet f = new FactSet("all kinds", new Site("https://example.org", "wordpress", "nginx", "traefik", "cloudflare", "container",
                "8.2", "6.4", "Europe/Berlin", "plesk"), List.of(
                new HttpResponse(502, "/wp-admin/", java.util.Map.of("server", "cloudflare", "cf-ray", "8a1b"), "Bad gateway", "through-cdn",
                        "browser", at, 1200L, null, null, false),
                new LogLine("nginx-error", "upstream prematurely closed connection", at, 50, at.plusSeconds(60), List.of("another like it")),
                new Metric("php_fpm.active_processes", 5, "processes", at),
                ConfigValue.of("php.memory_limit", "256M", at),
                new Event("plugin-updated", "woocommerce 8.1", at),
                Observation.of("retry-succeeds", true),
                Observation.of("upstream-response-seconds", 60.5),
                Observation.of("php-version-said", "8.2"),
                Observation.of("socket-path", "/run/php/php8.2-fpm.sock"),
                new Tried("restart-php-fpm", "helped-for-a-while", at)),
                new Expectation(List.of("php-fpm-pool-exhausted"), List.of("tune-php-fpm-pool"), List.of("transient-upstream-glitch"), "www",
                        List.of("traffic-overload"), List.of("hard")),
                List.of(), new Provenance("https://example.org/thread/1", "the reporter confirmed it", "2026-11-30"));
        FactSet again = roundTrip(f);
        // The reader derives who produced the page from its headers and body; compare what was written.
        assertThat(withoutWarnings(again).facts().subList(1, f.facts().size())).isEqualTo(f.facts().subList(1, f.facts().size()));
        HttpResponse h = (HttpResponse) again.facts().get(0);
        assertThat(h.status()).isEqualTo(502);
        assertThat(h.headers()).containsEntry("cf-ray", "8a1b");
        assertThat(h.latencyMs()).isEqualTo(1200L);
        assertThat(again.site()).isEqualTo(f.site());
        assertThat(again.expect()).isEqualTo(f.expect());
        assertThat(again.provenance()).isEqualTo(f.provenance());
        assertThat(again.warnings()).isEmpty();
    }
}
