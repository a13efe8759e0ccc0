package dev.gatewaydoctor.privacy;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.ConfigValue;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;
import dev.gatewaydoctor.facts.HttpResponse;
import dev.gatewaydoctor.facts.LogLine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service keeps of a case: visitors' data out, the diagnosis unchanged. */
class FactSetRedactionTest {

    @Test
    void visitorsDataAndSecretSettingsAreTakenOut() {
        FactSet f = FactSet.builder()
                .log("nginx-error", "upstream timed out (110) while reading response header from upstream, client: 203.0.113.45, server: shop.example, "
                        + "upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\"")
                .config("wordpress.DB_PASSWORD", "hunter2")
                .config("nginx.fastcgi_pass", "unix:/run/php/php8.2-fpm.sock")
                .build()
                .with(new HttpResponse(502, "/checkout?token=abc123", java.util.Map.of("cookie", "PHPSESSID=s3cr3t"), null, null, null, null, null,
                        null, null, false));
        FactSet kept = Redactor.redact(f);
        String all = kept.facts().toString();
        assertThat(all).doesNotContain("203.0.113.45", "hunter2", "abc123", "s3cr3t")
                .contains("[client-ip]", "unix:/run/php/php8.2-fpm.sock", "/checkout?token=[redacted]");
        assertThat(kept.facts()).filteredOn(ConfigValue.class::isInstance).map(c -> ((ConfigValue) c).value())
                .containsExactly("[redacted]", "unix:/run/php/php8.2-fpm.sock");
        assertThat(((LogLine) kept.facts().get(0)).line()).contains("server: shop.example");
    }

    @Test
    void theRedactedCopyOfEverySampleIsDiagnosedAsTheOriginal() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("facts-samples"))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path p : files) {
            FactSet f = new FactSetReader().read(p);
            Diagnosis original = TestRules.diagnoser().diagnose(f);
            Diagnosis kept = TestRules.diagnoser().diagnose(Redactor.redact(f));
            assertThat(kept.basis()).as(p.toString()).isEqualTo(original.basis());
            assertThat(kept.causes()).as(p.toString()).extracting(c -> c.id(), c -> c.confidence())
                    .isEqualTo(original.causes().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.id(), c.confidence())).toList());
        }
    }
}
