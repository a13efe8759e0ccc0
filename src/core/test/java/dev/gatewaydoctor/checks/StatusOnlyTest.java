package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.Basis;
import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a status alone says: an inconclusive answer, and the log that settles it asked for first. */
class StatusOnlyTest {

    private static final Diagnoser DOCTOR = TestRules.diagnoser();

    @ParameterizedTest
    @CsvSource({
            "status-only-502-that-stays.json, /var/log/nginx/error.log",
            "status-only-521.json, origin",
            "status-only-522.json, origin"})
    void aStatusAloneIsInconclusiveAndAsksForTheRightLogFirst(String sample, String command) throws Exception {
        FactSet facts = new FactSetReader().read(Path.of("facts-samples", sample));
        Diagnosis d = DOCTOR.diagnose(facts);
        assertThat(d.conclusive()).as(sample).isFalse();
        assertThat(d.causes()).as(sample).allSatisfy(c -> assertThat(c.confidence()).isLessThan(0.5));
        List<NextCheck> next = DOCTOR.nextChecks(facts, d);
        assertThat(next).as(sample).isNotEmpty();
        assertThat(next.get(0).observation()).isEqualTo(NextChecks.ERROR_LOG);
        assertThat(next.get(0).answerKind()).isEqualTo("log");
        assertThat(String.join(" ", next.get(0).howTo())).contains(command);
    }

    @Test
    void a502AloneIsRankedByTheBaseRatesOfRealIncidentsWithA502() throws Exception {
        Diagnosis d = DOCTOR.diagnose(new FactSetReader().read(Path.of("facts-samples", "status-only-502-that-stays.json")));
        assertThat(d.basis()).isEqualTo(Basis.STATUS_BASE_RATES);
        assertThat(d.topCause()).isNotNull();
        assertThat(d.topCause().evidence().get(0).rule()).startsWith("Base rate: ").endsWith("real incidents with a 502 had this cause");
        assertThat(d.topCause().id()).isNotEqualTo("transient-upstream-glitch");
        assertThat(d.fixes()).isNotEmpty();
    }

    @Test
    void a502WithNothingElseStartsFromEveryIncidentWithA502() throws Exception {
        // A record of the response alone is ranked like any 502: a separate table for such records named a full
        // disk first for all of them, and failed the next batch of real incidents (rules/base-rates.yaml).
        Diagnosis d = DOCTOR.diagnose(FactSet.builder().http(502, java.util.Map.of(), null).build());
        assertThat(d.basis()).isEqualTo(Basis.STATUS_BASE_RATES);
        assertThat(d.conclusive()).isFalse();
        assertThat(d.topCause().confidence()).isLessThan(0.5);
        assertThat(d.topCause().evidence().get(0).rule()).endsWith("real incidents with a 502 had this cause");
        var row = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("rules", "base-rates.yaml").toFile()).path("statuses").path("502");
        int most = 0;
        for (var n : row) most = Math.max(most, n.asInt());
        assertThat(row.path(d.topCause().id()).asInt()).as("the first cause is one the most 502s had").isEqualTo(most);
        // Every cause seen with a 502 stays ranked, so that its fixes do too.
        List<String> ranked = d.causes().stream().map(c -> c.id()).toList();
        row.fieldNames().forEachRemaining(cause -> assertThat(ranked).contains(cause));
    }

    @Test
    void theLogAskedForFollowsTheStack() {
        Diagnosis docker = DOCTOR.diagnose(FactSet.builder().site(new dev.gatewaydoctor.facts.Site(null, null, "nginx", null, null, "container", null, null))
                .http(502, java.util.Map.of(), null).build());
        FactSet k8s = FactSet.builder().site(new dev.gatewaydoctor.facts.Site(null, null, "nginx", "kubernetes-ingress", null, "cloud", null, null))
                .http(502, java.util.Map.of(), null).build();
        FactSet managed = FactSet.builder().site(new dev.gatewaydoctor.facts.Site(null, "wordpress", "nginx", null, null, "managed", null, null))
                .http(502, java.util.Map.of(), null).build();
        FactSet dockerFacts = FactSet.builder().site(new dev.gatewaydoctor.facts.Site(null, null, "nginx", null, null, "container", null, null))
                .http(502, java.util.Map.of(), null).build();
        assertThat(DOCTOR.nextChecks(dockerFacts, docker).get(0).howTo()).anySatisfy(h -> assertThat(h).startsWith("docker compose logs"));
        assertThat(DOCTOR.nextChecks(k8s, DOCTOR.diagnose(k8s)).get(0).howTo()).anySatisfy(h -> assertThat(h).startsWith("kubectl logs -n ingress-nginx"));
        assertThat(DOCTOR.nextChecks(managed, DOCTOR.diagnose(managed)).get(0).question()).contains("only the host can see");
        FactSet plesk = FactSet.builder().site(new dev.gatewaydoctor.facts.Site(null, "wordpress", "nginx", null, null, "vps", null, null, null, "plesk"))
                .http(502, java.util.Map.of(), null).build();
        assertThat(DOCTOR.nextChecks(plesk, DOCTOR.diagnose(plesk)).get(0).howTo()).anySatisfy(h -> assertThat(h).contains("proxy_error_log"));
    }

    @Test
    void noLogIsAskedForWhenALogWasGiven() throws Exception {
        FactSet facts = new FactSetReader().read(Path.of("facts-samples", "next-check-php-socket-missing.json"));
        assertThat(DOCTOR.nextChecks(facts, DOCTOR.diagnose(facts))).noneMatch(c -> c.observation().equals(NextChecks.ERROR_LOG));
    }

    @Test
    void aPageThatComesAndGoesIsNoConfidentGlitchAndAsksForTheLogs() {
        // "Loads after a minute" and "comes and goes" are how a segfaulting worker, a pool full at peaks and a
        // slow plugin look from a browser too: one fact (an evidence group), never above 0.8.
        FactSet facts = FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("retry-succeeds", true).observation("error-is-intermittent", true).build();
        Diagnosis d = DOCTOR.diagnose(facts);
        assertThat(d.causes()).allSatisfy(c -> assertThat(c.confidence()).isLessThan(0.8));
        assertThat(d.topCause().evidence()).filteredOn(e -> !e.counted()).extracting(e -> e.group()).containsExactly("comes-and-goes");
        assertThat(DOCTOR.nextChecks(facts, d).get(0).observation()).isEqualTo(NextChecks.ERROR_LOG);
    }

    @Test
    void aCheckWhoseAnswersChangeNothingIsNotOffered() {
        var same = List.of(new NextCheck.Outcome("yes", "cdn-or-firewall-misconfiguration", "CDN", 0.99),
                new NextCheck.Outcome("no", "cdn-or-firewall-misconfiguration", "CDN", 0.97));
        var moves = List.of(new NextCheck.Outcome("yes", "cdn-or-firewall-misconfiguration", "CDN", 0.99),
                new NextCheck.Outcome("no", "cdn-or-firewall-misconfiguration", "CDN", 0.60));
        var other = List.of(new NextCheck.Outcome("yes", "cdn-or-firewall-misconfiguration", "CDN", 0.99),
                new NextCheck.Outcome("no", "php-fpm-down", "PHP-FPM", 0.98));
        assertThat(NextChecks.changesNothing(same)).isTrue();
        assertThat(NextChecks.changesNothing(moves)).isFalse();
        assertThat(NextChecks.changesNothing(other)).isFalse();
    }

    @Test
    void checksAreOrderedByGainPerEffort() throws Exception {
        FactSet facts = new FactSetReader().read(Path.of("facts-samples", "next-check-cloudflare-bare-502.json"));
        List<NextCheck> next = DOCTOR.nextChecks(facts, DOCTOR.diagnose(facts));
        var questions = next.stream().filter(c -> !c.answerKind().equals("log")).toList();
        for (int i = 1; i < questions.size(); i++) {
            assertThat(questions.get(i - 1).gain() / dev.gatewaydoctor.knowledge.Check.cost(questions.get(i - 1).effort()))
                    .isGreaterThanOrEqualTo(questions.get(i).gain() / dev.gatewaydoctor.knowledge.Check.cost(questions.get(i).effort()));
        }
    }
}
