package dev.gatewaydoctor;

import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiagnoserTest {

    private static final String POOL_FULL = "2024/03/01 12:04:17 [error] 1187#1187: *88231 connect() to unix:/run/php/php8.2-fpm.sock failed "
            + "(11: Resource temporarily unavailable) while connecting to upstream, client: 203.0.113.45, server: shop.example.com, "
            + "request: \"GET / HTTP/2.0\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"shop.example.com\"";

    @Test
    void diagnosesAFactSetBuiltInCode() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site("https://shop.example.com", null, "nginx", null, null, "vps", "8.2", null))
                .log("nginx-error", POOL_FULL)
                .log("php-fpm", "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it")
                .build());
        assertThat(d.basis()).isEqualTo(Basis.EVIDENCE);
        assertThat(d.topCause().id()).isEqualTo("php-fpm-pool-exhausted");
        assertThat(d.topCause().confidence()).isGreaterThan(0.75);
        assertThat(d.topCause().culprit()).isEqualTo("pool www");
        // PHP-FPM's warning and nginx's errno 11 are one full pool seen twice: one evidence group, only the warning counts.
        assertThat(d.topCause().evidence()).extracting(EvidenceItem::rule, EvidenceItem::group, EvidenceItem::counted)
                .contains(org.assertj.core.groups.Tuple.tuple("PHP-FPM says its pool reached pm.max_children", "full-pool", true),
                        org.assertj.core.groups.Tuple.tuple("The web server finds the PHP-FPM socket's queue full (errno 11)", "full-pool", false));
        assertThat(d.topCause().confidence()).isEqualTo(dev.gatewaydoctor.engine.ConfidenceModel.confidence(-1.0, 2.0,
                TestRules.knowledge().calibration().temperature()), org.assertj.core.data.Offset.offset(0.001));
        assertThat(d.topCause().evidence().get(0).file()).isEqualTo("causes/php-fpm-pool-exhausted.drl");
        assertThat(d.fixes().get(0).id()).isEqualTo("tune-php-fpm-pool");
        assertThat(d.fixes().get(0).causes()).first().isEqualTo("php-fpm-pool-exhausted");
        assertThat(d.rulesVersion()).hasSize(12).isEqualTo(TestRules.diagnoser().rulesVersion());
    }

    @Test
    void afterTheFixesTheEvidenceScoredComeTheOthersInTheOrderOfTheStatusesBaseRates() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .http(502, java.util.Map.of(), null).log("nginx-error", POOL_FULL)
                .log("php-fpm", "[01-Mar-2024 12:03:58] WARNING: [pool www] server reached pm.max_children setting (5), consider raising it")
                .build());
        var knowledge = TestRules.knowledge();
        assertThat(d.fixes()).extracting(RankedFix::id).as("every fix of the catalog, once")
                .containsExactlyInAnyOrderElementsOf(knowledge.fixes().stream().map(dev.gatewaydoctor.knowledge.Fix::id).toList());
        assertThat(d.fixes()).extracting(RankedFix::rank).isSorted();
        int firstUnscored = d.fixes().indexOf(d.fixes().stream().filter(f -> f.score() == 0).findFirst().orElseThrow());
        assertThat(d.fixes().subList(0, firstUnscored)).allSatisfy(f -> assertThat(f.score()).isPositive());
        assertThat(d.fixes().subList(0, firstUnscored)).as("a cause ruled out to 0.00 scores no fix")
                .allSatisfy(f -> assertThat(f.reason()).doesNotContain("(confidence 0.00"));
        assertThat(d.fixes().subList(firstUnscored, d.fixes().size())).allSatisfy(f -> {
            assertThat(f.score()).isZero();
            assertThat(f.reason()).startsWith("no evidence points here yet");
        });
        // The most common cause of a 502 in the corpus that the evidence did not touch leads the rest.
        var counts = knowledge.baseRates().counts(java.util.List.of(502)).byCause();
        var touched = d.causes().stream().map(dev.gatewaydoctor.RankedCause::id).toList();
        String commonest = counts.entrySet().stream().filter(e -> !touched.contains(e.getKey()))
                .max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(d.fixes().get(firstUnscored).reason()).contains(knowledge.causes().get(commonest).title());
    }

    @Test
    void oneRuleCountsOnceHoweverManyLinesItMatches() {
        var many = FactSet.builder();
        for (int i = 0; i < 50; i++) many.log("nginx-error", POOL_FULL);
        Diagnosis d = TestRules.diagnoser().diagnose(many.build());
        Diagnosis one = TestRules.diagnoser().diagnose(FactSet.builder().log("nginx-error", POOL_FULL).build());
        assertThat(d.topCause().confidence()).isLessThan(0.9);
        assertThat(one.causes().stream().filter(c -> c.id().equals("php-fpm-pool-exhausted")).findFirst().orElseThrow().confidence())
                .isEqualTo(d.causes().stream().filter(c -> c.id().equals("php-fpm-pool-exhausted")).findFirst().orElseThrow().confidence());
    }

    @Test
    void evidenceNamesTheResponseItSawNotOnlyItsRule() {
        // A rule written as "exists HttpResponse(...)" matches the same and shows nothing: the explanation must
        // say which answer the rule read (docs/authoring-rules.md).
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .http(503, java.util.Map.of("Via", "1.1 varnish (Varnish/6.0)"), "Error 503 Backend fetch failed\n\nGuru Meditation:\n\nXID: 32770\n\nVarnish cache server")
                .build());
        EvidenceItem varnish = d.causes().stream().flatMap(c -> c.evidence().stream())
                .filter(e -> e.rule().equals("Varnish could not fetch the page from the web server behind it")).findFirst().orElseThrow();
        assertThat(varnish.facts()).anySatisfy(f -> assertThat(f).contains("503"));
    }

    @Test
    void evidenceFromTheSiteSaysWhatItSawOfIt() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, "django", "nginx", null, null, "vps", null, null))
                .http(502, java.util.Map.of(), null)
                .build());
        EvidenceItem noPlugins = d.causes().stream().flatMap(c -> c.evidence().stream())
                .filter(e -> e.rule().equals("The site's application has no market of plugins or themes to crash")).findFirst().orElseThrow();
        assertThat(noPlugins.facts()).contains("site: app django, web server nginx, hosting vps");
    }

    @Test
    void evidenceOnlyAgainstACauseNeverRanksItFirst() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .observation("direct-origin-succeeds", false)
                .observation("cdn-disabled-succeeds", false)
                .build());
        assertThat(d.basis()).isEqualTo(Basis.SEED_CHECKLIST);
        assertThat(d.conclusive()).isFalse();
        assertThat(d.causes()).allSatisfy(c -> assertThat(c.confidence()).isLessThan(0.05));
    }

    @Test
    void noEvidenceGivesTheSeedChecklistInItsOrder() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().build());
        assertThat(d.basis()).isEqualTo(Basis.SEED_CHECKLIST);
        assertThat(d.causes()).isEmpty();
        assertThat(d.fixes()).extracting(RankedFix::seed).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(d.fixes().get(0).reason()).startsWith("seed checklist");
    }

    @Test
    void oneHintAloneIsNotConfident() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().config("php-fpm.pm.max_children", "5").build());
        assertThat(d.conclusive()).isFalse();
        assertThat(d.topCause().confidence()).isLessThan(0.25);
    }

    @Test
    void aRuleThatThrowsIsNamedAndNoHalfAnswerIsReturned(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("causes/disk-full.drl"), """
                package gatewaydoctor.causes;
                import dev.gatewaydoctor.facts.*;
                import dev.gatewaydoctor.engine.Evidence;

                rule "Disk usage divides by zero"
                when
                    Metric(name == "disk.utilization", $v : value)
                then
                    insert(new Evidence("disk-full", 1 / (int) ($v - $v)));
                end
                """);
        Diagnoser doctor = Diagnoser.fromDirectory(rules);
        assertThatThrownBy(() -> doctor.diagnose(FactSet.builder().metric("disk.utilization", 0.99).build()))
                .isInstanceOf(RuleFaultException.class)
                .hasMessageStartingWith("rule \"Disk usage divides by zero\" in causes/disk-full.drl failed: ArithmeticException");
        // The same Diagnoser keeps working for other fact sets.
        assertThat(doctor.diagnose(FactSet.builder().log("nginx-error", POOL_FULL).build()).topCause().id()).isEqualTo("php-fpm-pool-exhausted");
    }

    @Test
    void aRuleLoopIsStoppedByTheFiringLimit(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("causes/disk-full.drl"), """
                package gatewaydoctor.causes;
                import dev.gatewaydoctor.facts.*;
                import dev.gatewaydoctor.engine.Evidence;

                rule "Disk evidence that feeds itself"
                when
                    $m : Metric(name == "disk.utilization")
                then
                    insert(new Metric("disk.utilization", $m.value() + 1, null, null));
                end
                """);
        Diagnoser doctor = Diagnoser.fromDirectory(rules).withMaxRuleFirings(1000);
        assertThatThrownBy(() -> doctor.diagnose(FactSet.builder().metric("disk.utilization", 0.99).build()))
                .isInstanceOf(RuleFaultException.class)
                .hasMessageContaining("limit")
                .hasMessageContaining("\"Disk evidence that feeds itself\"")
                .hasMessageContaining("causes/disk-full.drl");
    }

    @Test
    void brokenRulesAreReportedWithFileAndLine(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("causes/disk-full.drl"), """
                package gatewaydoctor.causes;
                import dev.gatewaydoctor.facts.*;

                rule "Broken on purpose"
                when
                    Metric(name == "disk.utilization" value > 0.9)
                then
                end
                """);
        assertThatThrownBy(() -> Diagnoser.fromDirectory(rules))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.problems().get(0).file()).isEqualTo("causes/disk-full.drl");
                    assertThat(e.problems().get(0).line()).isEqualTo(6);
                });
    }

    @Test
    void aFixNamingAnUnknownCauseIsARulesProblem(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path fixes = rules.resolve("fixes.yaml");
        String text = Files.readString(fixes);
        int line = TestRules.lineOf(text, "browser-cached-error: 1.0");
        Files.writeString(fixes, text.replace("browser-cached-error: 1.0", "browser-cache-error: 1.0"));
        assertThatThrownBy(() -> Diagnoser.fromDirectory(rules))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.problems()).first().satisfies(p -> {
                        assertThat(p.file()).isEqualTo("fixes.yaml");
                        assertThat(p.line()).isEqualTo(line);
                        assertThat(p.message()).isEqualTo("unknown cause \"browser-cache-error\" (not in causes.yaml)");
                    });
                    // The cause it meant is now treated by no fix: said too, since it is what the diagnosis would suffer.
                    assertThat(e.problems()).extracting(RuleProblem::message).anySatisfy(m -> assertThat(m).startsWith("no fix treats the cause \"browser-cached-error\""));
                });
    }

    @Test
    void theBundledRulesAreTheProjectsRules() throws Exception {
        assertThat(Diagnoser.withBundledRules().rulesVersion()).isEqualTo(TestRules.diagnoser().rulesVersion());
    }

    @Test
    void oneDiagnoserServesManyThreads() throws Exception {
        Diagnoser doctor = TestRules.diagnoser();
        FactSet pool = FactSet.builder().log("nginx-error", POOL_FULL).build();
        FactSet glitch = FactSet.builder().observation("retry-succeeds", true).observation("error-is-intermittent", true).build();
        Diagnosis expectedPool = doctor.diagnose(pool);
        Diagnosis expectedGlitch = doctor.diagnose(glitch);
        var pool4 = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 200; i++) {
                boolean even = i % 2 == 0;
                futures.add(pool4.submit((Callable<Boolean>) () ->
                        even ? doctor.diagnose(pool).equals(expectedPool) : doctor.diagnose(glitch).equals(expectedGlitch)));
            }
            for (Future<Boolean> f : futures) assertThat(f.get()).isTrue();
        } finally {
            pool4.shutdownNow();
        }
    }

    @Test
    void diagnosesAreImmutable() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().log("nginx-error", POOL_FULL).build());
        assertThatThrownBy(() -> d.causes().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.fixes().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(List.copyOf(d.warnings())).isEqualTo(d.warnings());
    }

    @Test
    void aChangeIsPlacedAgainstTheFirstErrorAndOnlyAChangeBeforeItCounts() {
        String fatal = "[26-Mar-2024 09:03:40 UTC] PHP Fatal error:  Uncaught Error: Class \"X\" not found in /srv/www/wp-content/plugins/shop-addons/a.php:22";
        Diagnosis before = TestRules.diagnoser().diagnose(FactSet.builder().log("php-error", fatal)
                .fact(new dev.gatewaydoctor.facts.Event("plugin-updated", "shop-addons", java.time.Instant.parse("2024-03-26T09:00:00Z"))).build());
        assertThat(before.causes()).filteredOn(c -> c.id().equals("faulty-recent-change")).singleElement().satisfies(c -> {
            assertThat(c.evidence()).extracting(EvidenceItem::rule).contains("The last change before the first error came within the hour before it");
            assertThat(c.evidence().stream().flatMap(e -> e.facts().stream()).toList())
                    .anySatisfy(f -> assertThat(f).contains("3 min before the first error"));
        });
        Diagnosis after = TestRules.diagnoser().diagnose(FactSet.builder().log("php-error", fatal)
                .fact(new dev.gatewaydoctor.facts.Event("plugin-updated", "shop-addons", java.time.Instant.parse("2024-03-26T10:00:00Z"))).build());
        assertThat(after.causes()).filteredOn(c -> c.id().equals("faulty-recent-change")).singleElement().satisfies(c -> {
            assertThat(c.evidence()).extracting(EvidenceItem::rule).contains("The changes came only after the errors had begun")
                    .doesNotContain("The last change before the first error came within the hour before it");
            assertThat(c.confidence()).isLessThan(0.5);
        });
    }

    @Test
    void aFirstSetupNamedByAnEventIsNoChangeThatBrokeAWorkingSiteAndTheListThatSaysSoIsShown() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .event("server-rebuilt", "Fresh install of Nextcloud on a new droplet").build());
        assertThat(d.causes()).filteredOn(c -> c.id().equals("faulty-recent-change")).singleElement().satisfies(c -> {
            assertThat(c.evidence()).anySatisfy(e -> {
                assertThat(e.rule()).isEqualTo("The change before the errors was the site's first setup: nothing that worked was broken");
                assertThat(e.facts()).contains("\"Fresh install of Nextcloud on a new droplet\" is in rules/lists/first-setups.yaml");
            });
            assertThat(c.confidence()).isLessThan(0.05);
        });
        // The same words naming something else installed afresh are not a first setup of the site.
        Diagnosis plugin = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .event("plugin-installed", "a fresh theme installed over the old one").build());
        assertThat(plugin.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule)
                .noneMatch(r -> r.contains("first setup"));
    }

    @Test
    void aSiteThatWorkedWithNothingChangedCountsForWhatStopsBySelfOnceEachAndNotAfterAChange() {
        String rule = "The site worked on this setup, and no change came before the errors: something ran out or stopped by itself";
        Diagnosis unchanged = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("site-worked-before", true).observation("recent-change-made", false).build());
        for (String cause : java.util.List.of("disk-full", "server-out-of-memory", "traffic-overload")) {
            assertThat(unchanged.causes()).as(cause).filteredOn(c -> c.id().equals(cause)).singleElement().satisfies(c ->
                    assertThat(c.evidence()).filteredOn(e -> e.rule().equals(rule)).singleElement().satisfies(e -> {
                        assertThat(e.counted()).isTrue();
                        assertThat(e.facts()).contains("observation site-worked-before = true");
                    }));
        }
        // The database weighs the same reading in a rule of its own: one group, the stronger counts.
        assertThat(unchanged.causes()).filteredOn(c -> c.id().equals("database-server-issue")).singleElement().satisfies(c ->
                assertThat(c.evidence()).filteredOn(EvidenceItem::counted).extracting(EvidenceItem::rule)
                        .containsExactly("A site that worked stopped answering, and nothing changed: the database may have stopped"));
        // A change named before the errors: the site was not left alone, and nothing is read from it.
        Diagnosis changed = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("site-worked-before", true).event("config-edited", "nginx.conf").build());
        assertThat(changed.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
    }

    @Test
    void aContainerRecreatedByComposeOrWatchtowerIsAHintForTheProxyKeepingItsOldAddressOnlyInContainers() {
        String rule = "A backend container was recreated: the proxy in front of it may still send to its old address";
        var containers = new dev.gatewaydoctor.facts.Site(null, null, "nginx", null, null, "container", null, null, null, null);
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().site(containers).http(502, java.util.Map.of(), null)
                .event("deploy", "docker compose pull && docker compose down && docker compose up -d").build());
        assertThat(d.causes()).filteredOn(c -> c.id().equals("stale-upstream-address")).singleElement().satisfies(c ->
                assertThat(c.evidence()).filteredOn(e -> e.rule().equals(rule)).singleElement().satisfies(e -> assertThat(e.facts())
                        .contains("\"docker compose pull && docker compose down && docker compose up -d\" is in rules/lists/container-recreations.yaml")));
        // Not a container host: no container address to go stale. Nor an update that names no recreation.
        Diagnosis vps = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .event("deploy", "docker compose down && docker compose up -d").build());
        Diagnosis pull = TestRules.diagnoser().diagnose(FactSet.builder().site(containers).http(502, java.util.Map.of(), null)
                .event("deploy", "image updated to 7.5.2").build());
        for (Diagnosis other : List.of(vps, pull)) {
            assertThat(other.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
        }
    }

    @Test
    void theContainerEngineRestartingIsAHintForABackendLeftStoppedOnlyOnAContainerHost() {
        String rule = "The container engine restarted: a container without a restart policy stays stopped";
        var containers = new dev.gatewaydoctor.facts.Site(null, "other", null, "traefik", null, "container", null, null, null, null);
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().site(containers).http(502, java.util.Map.of(), null)
                .event("service-restarted", "Docker updated on the host").build());
        assertThat(d.topCause().id()).isEqualTo("backend-web-server-down");
        assertThat(d.topCause().evidence()).filteredOn(e -> e.rule().equals(rule)).singleElement()
                .satisfies(e -> assertThat(e.facts()).contains("\"Docker updated on the host\" is in rules/lists/container-engine-restarts.yaml"));
        Diagnosis vps = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .event("service-restarted", "Docker updated on the host").build());
        assertThat(vps.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
    }

    @Test
    void aProcessTheShellReportsKilledIsAHintForMemoryUnlessATimeoutKilledIt() {
        String rule = "A process was killed with SIGKILL (the shell's 'Killed', exit status 137), and no timeout was logged";
        Diagnosis killed = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .log("other", "Jul 17 11:52:37 web1 web: [1] [0] sh: line 1:  1985 Killed                  node -r esm main.js").build());
        assertThat(killed.topCause().id()).isEqualTo("server-out-of-memory");
        assertThat(killed.topCause().evidence()).filteredOn(e -> e.rule().equals(rule)).singleElement()
                .satisfies(e -> assertThat(e.culprit()).isEqualTo("node -r esm main.js"));
        // gunicorn's own timeout killed it first: SIGKILL is then the server's, not the kernel's.
        Diagnosis timedOut = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .log("other", "web-1 exited with code 137")
                .log("other", "[2024-05-02 10:00:31 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:12)").build());
        assertThat(timedOut.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
    }

    @Test
    void otherServicesBehindTheSameProxyWorkingPointAtTheWayToThisBackend() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("some-proxied-services-succeed", true).build());
        assertThat(d.causes()).filteredOn(c -> c.id().equals("network-connectivity")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(EvidenceItem::rule)
                        .contains("Other services behind the same proxy work: the way to this backend is what fails"));
    }

    @Test
    void aContainersSmallMemoryLimitIsAHintForMemoryInKubernetesUnitsTooAndALargeOneIsNot() {
        String rule = "The server, container or instance has 512 MB of memory or less";
        Diagnosis small = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .config("container.memory_limit", "256Mi").build());
        assertThat(small.causes()).filteredOn(c -> c.id().equals("server-out-of-memory")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(EvidenceItem::rule).contains(rule));
        Diagnosis large = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .config("container.memory_limit", "2Gi").build());
        assertThat(large.causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
    }

    @Test
    void aRequestThatFailsAfterAsLongAsATimeoutSetOnItsPathNamesThatTimeout() {
        String rule = "The failing request ran as long as a timeout set on its path, then failed";
        java.util.function.Function<String, Diagnosis> withProxyTimeout = t -> TestRules.diagnoser().diagnose(FactSet.builder()
                .fact(dev.gatewaydoctor.recognition.ErrorPageRecognizer.response(504, null, java.util.Map.of(), null, null, null, null, 30_041L))
                .config("apache.ProxyTimeout", t).build());
        assertThat(withProxyTimeout.apply("30").topCause()).satisfies(c -> {
            assertThat(c.id()).isEqualTo("php-execution-timeout");
            assertThat(c.evidence()).extracting(EvidenceItem::rule).contains(rule);
            assertThat(c.culprit()).isEqualTo("apache.ProxyTimeout 30");
        });
        // 30 s is not the 5 minutes set: something else ended the request.
        assertThat(withProxyTimeout.apply("5m").causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule)
                .doesNotContain(rule);
    }

    @Test
    void aProxyInAContainerSetToReachItsOwnLoopbackIsAHintForAWrongAddressAndOutsideAContainerItIsNot() {
        String rule = "Inside a container, the proxy is set to reach its upstream at 127.0.0.1 or localhost";
        java.util.function.Function<String, Diagnosis> hosted = hosting -> TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, null, "nginx", null, null, hosting, null, null))
                .http(502, java.util.Map.of(), null).config("nginx.proxy_pass", "http://localhost:8000").build());
        assertThat(hosted.apply("container").causes()).filteredOn(c -> c.id().equals("upstream-address-mismatch")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(EvidenceItem::rule).contains(rule));
        assertThat(hosted.apply("vps").causes()).flatExtracting(RankedCause::evidence).extracting(EvidenceItem::rule).doesNotContain(rule);
    }

    @Test
    void onlySomePagesFailingBehindVarnishIsTheHeaderOverflowNginxWouldAnswer502For() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, null, null, "varnish", null, null, null, null))
                .http(503, java.util.Map.of(), "Error 503 Backend fetch failed\nGuru Meditation:\nXID: 32771")
                .observation("only-some-pages-fail", true).build());
        assertThat(d.causes()).filteredOn(c -> c.id().equals("upstream-header-too-big")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).filteredOn(EvidenceItem::counted).extracting(EvidenceItem::rule)
                        .contains("Only some pages fail, with Varnish's 503: the answers Varnish refuses as they arrive"));
    }

    @Test
    void envoysErrorWrittenInItsAnswersBodyIsReadAsItsLogLineWould() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().http(503, java.util.Map.of(),
                "upstream connect error or disconnect/reset before headers. reset reason: connection termination").build());
        assertThat(d.causes()).filteredOn(c -> c.id().equals("upstream-protocol-mismatch")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(EvidenceItem::rule)
                        .contains("The upstream closed the connection before answering: it may not read what the proxy speaks"));
        // Envoy speaks HTTP to what is behind it: the early close is not a PHP-FPM worker's.
        assertThat(d.causes()).filteredOn(c -> c.id().equals("php-worker-crash")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).extracting(EvidenceItem::rule)
                        .contains("The connection that closed early was to a web server, not to PHP-FPM"));
    }

    @Test
    void aBarePhpFileThatAnswersSpeaksAgainstEveryFaultOnTheWayToPhp() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null)
                .observation("php-test-file-fails", false).build());
        for (String cause : List.of("php-fpm-down", "upstream-address-mismatch", "upstream-permission-denied", "upstream-protocol-mismatch")) {
            assertThat(d.causes()).as(cause).filteredOn(c -> c.id().equals(cause)).singleElement()
                    .satisfies(c -> assertThat(c.evidence()).anySatisfy(e -> {
                        assertThat(e.rule()).startsWith("A bare PHP file answers through the web server");
                        assertThat(e.weight()).isNegative();
                    }));
        }
    }

    @Test
    void aChangeWithoutAnyFailureIsNoEvidence() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder().event("plugin-updated", "woocommerce").build());
        assertThat(d.causes()).noneSatisfy(c -> assertThat(c.id()).isEqualTo("faulty-recent-change"));
    }

    @Test
    void theSitesTimezonePlacesLocalLogTimesAndWithoutItTheDiagnosisSaysUtcWasAssumed() {
        String refused = "2024/03/26 10:10:00 [error] 811#811: *1 connect() failed (111: Connection refused) while connecting to upstream, "
                + "client: 192.0.2.1, server: x, request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"x\"";
        var update = new dev.gatewaydoctor.facts.Event("plugin-updated", "cache-boost", java.time.Instant.parse("2024-03-26T09:30:00Z"));
        // Without a zone, 10:10 is read as UTC: the update came 40 minutes before the first error.
        Diagnosis utc = TestRules.diagnoser().diagnose(FactSet.builder().log("nginx-error", refused).fact(update).build());
        assertThat(utc.warnings()).anySatisfy(w -> assertThat(w).contains("without a zone; read as UTC"));
        assertThat(utc.rulesFired()).contains("The last change before the first error came within the hour before it");
        // The server logs Berlin time: 10:10 there is 09:10 UTC, twenty minutes before the update, which is then never blamed.
        Diagnosis berlin = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, null, "nginx", null, null, null, null, null, "Europe/Berlin"))
                .log("nginx-error", refused).fact(update).build());
        assertThat(berlin.warnings()).noneSatisfy(w -> assertThat(w).contains("without a zone"));
        assertThat(berlin.rulesFired()).contains("The changes came only after the errors had begun")
                .doesNotContain("The last change before the first error came within the hour before it");
    }

    @Test
    void aSyslogLineWithNoYearAnywhereSaysTheYearCameFromTheClock() {
        var clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-30T12:00:00Z"), java.time.ZoneOffset.UTC);
        Diagnosis d = TestRules.diagnoser().withClock(clock).diagnose(FactSet.builder()
                .log("syslog", "Nov 26 05:07:46 web1 kernel: Out of memory: Killed process 1234 (php-fpm8.1) total-vm:1234567kB").build());
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("without a year").contains("from this machine's clock (2026)"));
        // A fact with a full date gives the year: no guess, no warning.
        Diagnosis dated = TestRules.diagnoser().withClock(clock).diagnose(FactSet.builder()
                .log("syslog", "Nov 26 05:07:46 web1 kernel: Out of memory: Killed process 1234 (php-fpm8.1) total-vm:1234567kB")
                .fact(new dev.gatewaydoctor.facts.Event("plugin-updated", "x", java.time.Instant.parse("2025-11-26T05:00:00Z"))).build());
        assertThat(dated.warnings()).noneSatisfy(w -> assertThat(w).contains("without a year"));
    }

    @Test
    void theVocabularyGivesAHelpdeskWhatItsFormsNeed() {
        KnownNames names = TestRules.diagnoser().vocabulary();
        assertThat(names.observations()).containsKey("retry-succeeds");
        assertThat(names.observations().get("retry-succeeds").question()).isNotBlank();
        assertThat(names.observations().get("retry-succeeds").aliases()).contains("reload-succeeds");
        assertThat(names.eventKinds()).contains("plugin-updated", "php-upgraded");
        assertThat(names.fixes()).containsKey("restart-php-fpm");
        assertThat(names.causes()).hasSize(TestRules.knowledge().causes().size());
        assertThat(names.families()).contains("upstream-connect-failed", "firewall-ban");
        assertThat(names.logSources()).contains("nginx-error", "php-fpm");
        assertThat(names.outcomes()).containsExactly("fixed", "no-change", "helped-for-a-while", "worse");
        assertThat(names.metrics()).isNotEmpty();
        assertThatThrownBy(() -> names.observations().clear()).isInstanceOf(UnsupportedOperationException.class);
        // Every name a fact set may use under "observation" is accepted by the reader without a warning.
        var facts = FactSet.builder().observation("retry-succeeds", true).build();
        assertThat(TestRules.diagnoser().diagnose(facts).warnings()).noneSatisfy(w -> assertThat(w).contains("retry-succeeds"));
    }
}
