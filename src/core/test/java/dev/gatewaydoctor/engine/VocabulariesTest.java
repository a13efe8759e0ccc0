package dev.gatewaydoctor.engine;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.knowledge.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing a user says is lost in silence: aliases reach the rules, unknown names are warned about with suggestions. */
class VocabulariesTest {

    private static Diagnosis diagnose(FactSet.Builder b) {
        return TestRules.diagnoser().diagnose(b.build());
    }

    @Test
    void aContainerPlatformNamedByItsOwnNameIsTheFormatsContainerAndAnUnknownHostingIsWarnedAbout() {
        String refusedAtOwnLoopback = "2024/05/01 10:00:00 [error] 31#31: *1 connect() failed (111: Connection refused) while connecting to upstream,"
                + " client: 172.18.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:8080/\", host: \"example.com\"";
        java.util.function.Function<String, Diagnosis> on = hosting -> diagnose(FactSet.builder()
                .site(new dev.gatewaydoctor.facts.Site(null, "wordpress", "nginx", null, null, hosting, null, null, null, null))
                .http(502, java.util.Map.of(), null).log("nginx-error", refusedAtOwnLoopback));
        Diagnosis container = on.apply("container");
        assertThat(container.topCause().id()).isEqualTo("upstream-address-mismatch");
        for (String platform : List.of("docker", "Kubernetes")) {
            Diagnosis d = on.apply(platform);
            assertThat(d.topCause().id()).isEqualTo("upstream-address-mismatch");
            assertThat(d.topCause().confidence()).isEqualTo(container.topCause().confidence());
            assertThat(d.warnings()).anyMatch(w -> w.contains("site.hosting \"" + platform + "\" is read as \"container\""));
        }
        assertThat(container.warnings()).noneMatch(w -> w.contains("site.hosting"));
        assertThat(on.apply("vsp").warnings()).anyMatch(w -> w.contains("site.hosting \"vsp\" is none of the format's values")
                && w.contains("did you mean \"vps\""));
    }

    @Test
    void anObservationUnderAnAliasReachesTheRulesUnderItsOwnName() {
        Diagnosis alias = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("works-in-incognito", true));
        Diagnosis canonical = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("private-window-succeeds", true));
        assertThat(alias.topCause().id()).isEqualTo(canonical.topCause().id()).isEqualTo("browser-cached-error");
        assertThat(alias.topCause().confidence()).isEqualTo(canonical.topCause().confidence());
        assertThat(alias.warnings()).noneMatch(w -> w.contains("works-in-incognito"));
    }

    @Test
    void anObservationUnderANameForTheOtherAnswerReachesTheRulesWithThatAnswer() {
        Diagnosis other = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("fails-in-incognito", true));
        Diagnosis canonical = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("private-window-succeeds", false));
        assertThat(other.causes()).extracting(c -> c.id() + " " + c.confidence())
                .containsExactlyElementsOf(canonical.causes().stream().map(c -> c.id() + " " + c.confidence()).toList());
        assertThat(other.causes()).flatExtracting(dev.gatewaydoctor.RankedCause::evidence).flatExtracting(dev.gatewaydoctor.EvidenceItem::facts)
                .contains("observation private-window-succeeds = false");
        assertThat(other.warnings()).noneMatch(w -> w.contains("fails-in-incognito"));
        // Its answer is a yes or a no; anything else is said, not guessed.
        Diagnosis odd = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).fact(dev.gatewaydoctor.facts.Observation.of("fails-in-incognito", "sometimes")));
        assertThat(odd.warnings()).anySatisfy(w -> assertThat(w).contains("\"fails-in-incognito\" is the other answer to \"private-window-succeeds\""));
    }

    @Test
    void aFailingHealthProbeIsTheBackendFailingWhenAskedDirectly() {
        Diagnosis d = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("health-probes-failing", true));
        assertThat(d.causes()).filteredOn(c -> c.id().equals("backend-web-server-down")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(dev.gatewaydoctor.EvidenceItem::rule)
                        .contains("The backend fails when asked directly too: the fault is the backend's"));
        assertThat(d.warnings()).noneMatch(w -> w.contains("health-probes-failing"));
    }

    @Test
    void aSettingUnderAnotherNameOfItsSoftwareReachesTheRulesAsTheSettingTheyRead() {
        String rule = "Inside a container, the proxy is set to reach its upstream at 127.0.0.1 or localhost";
        for (String name : List.of("apisix.upstream.nodes", "traefik.http.services.whoami.loadbalancer.server.url")) {
            Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().http(503, java.util.Map.of(), null)
                    .site(new dev.gatewaydoctor.facts.Site(null, null, null, null, null, "container", null, null, null, null))
                    .config(name, "127.0.0.1:9081").build());
            assertThat(d.causes()).as(name).flatExtracting(dev.gatewaydoctor.RankedCause::evidence)
                    .filteredOn(e -> e.rule().equals(rule)).singleElement()
                    .satisfies(e -> assertThat(e.facts()).contains("config proxy.upstream = 127.0.0.1:9081"));
            assertThat(d.warnings()).as(name).noneMatch(w -> w.contains("read by no rule"));
        }
        // "*" stands for one part of a dotted name, not for several.
        assertThat(TestRules.knowledge().vocabulary().canonicalSetting("traefik.http.services.a.b.loadbalancer.server.url"))
                .isEqualTo("traefik.http.services.a.b.loadbalancer.server.url");
        Diagnosis unread = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).config("apisix.upstream.node", "x"));
        assertThat(unread.warnings()).anySatisfy(w -> assertThat(w).startsWith("config \"apisix.upstream.node\" is read by no rule")
                .contains("\"apisix.upstream.nodes\"").contains("rules/settings.yaml"));
    }

    @Test
    void namesNoRuleReadsAreWarnedAboutWithTheClosestKnownNames() {
        Diagnosis d = diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("private-window-succeds", true)
                .metric("php-fpm.active.proceses", 5)
                .config("php.memory-limit", "64M")
                .event("plugin-upgraded", "woocommerce"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).startsWith("observation \"private-window-succeds\" is read by no rule")
                .contains("did you mean \"private-window-succeeds\""));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).startsWith("metric \"php-fpm.active.proceses\"")
                .contains("\"php-fpm.active.processes\""));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).startsWith("config \"php.memory-limit\"").contains("\"php.memory_limit\""));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).startsWith("event kind \"plugin-upgraded\"").contains("\"plugin-updated\""));
    }

    @Test
    void knownNamesAreNotWarnedAbout() {
        Diagnosis d = diagnose(FactSet.builder().http(502, java.util.Map.of(), null).observation("retry-succeeds", true)
                .metric("php-fpm.active.processes", 5).config("php.memory_limit", "64M").event("plugin-updated", "woocommerce"));
        assertThat(d.warnings()).noneMatch(w -> w.contains("read by no rule"));
    }

    @Test
    void closestPrefersSharedWordsAndFewEdits() {
        assertThat(Vocabulary.closest("php-fpm-is-running", List.of("php-fpm-running", "retry-succeeds", "database-reachable")))
                .first().isEqualTo("php-fpm-running");
        assertThat(Vocabulary.closest("zzz", List.of("php-fpm-running", "retry-succeeds"))).isEmpty();
    }
}
