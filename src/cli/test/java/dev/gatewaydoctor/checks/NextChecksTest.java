package dev.gatewaydoctor.checks;

import dev.gatewaydoctor.Diagnoser;
import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.NextCheck;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.WhyNot;
import dev.gatewaydoctor.cli.Main;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.FactSetReader;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@org.junit.jupiter.api.parallel.ResourceLock("java.lang.System.in") // its tests replace it
class NextChecksTest {

    private static final Diagnoser DOCTOR = TestRules.diagnoser();

    private static FactSet sample(String name) throws Exception {
        return new FactSetReader().read(Path.of("facts-samples", name));
    }

    @Test
    void answeringTheTopCheckMovesTheRightCauseToRankOne() throws Exception {
        FactSet facts = sample("next-check-php-socket-missing.json");
        Diagnosis before = DOCTOR.diagnose(facts);
        // A missing socket was a wrong path in every real incident of the tuning slice that showed one (docs/accuracy.md).
        assertThat(before.topCause().id()).isEqualTo("upstream-address-mismatch");
        List<NextCheck> checks = DOCTOR.nextChecks(facts, before);
        assertThat(checks).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        // Asked first, since it costs a question: a site that worked, with no change before its errors, was not
        // set up wrong, so its socket is missing because PHP-FPM stopped (it removes its socket).
        NextCheck first = checks.get(0);
        assertThat(first.observation()).isEqualTo("site-worked-before");
        assertThat(first.outcomes()).extracting(NextCheck.Outcome::topCause).containsExactly("php-fpm-down", "upstream-address-mismatch");
        NextCheck running = checks.stream().filter(c -> c.observation().equals("php-fpm-running")).findFirst().orElseThrow();
        assertThat(running.howTo()).anySatisfy(h -> assertThat(h).contains("systemctl status php8.2-fpm"));
        assertThat(running.outcomes()).extracting(NextCheck.Outcome::answer).containsExactly("yes", "no");
        // PHP-FPM turns out to be stopped: the answer moves it first.
        Diagnosis after = DOCTOR.diagnose(running.answer(facts, "no"));
        assertThat(after.topCause().id()).isEqualTo("php-fpm-down");
        assertThat(running.outcomes().get(1).topCause()).isEqualTo("php-fpm-down");
        assertThat(running.outcomes().get(0).topCause()).isEqualTo("upstream-address-mismatch");
    }

    @Test
    void aLoneLeaderIsConfirmedOrRefutedNotComparedWithEveryOtherCause() throws Exception {
        // A browser's cached 502 leads alone: the checks that matter test it, and nothing asks about PHP-FPM.
        FactSet facts = sample("browser-cached-error-from-cache.json");
        Diagnosis before = DOCTOR.diagnose(facts);
        assertThat(before.causes()).filteredOn(c -> c.confidence() >= 0.05 && c.evidence().stream().anyMatch(e -> e.weight() > 0))
                .extracting(dev.gatewaydoctor.RankedCause::id).containsExactly("browser-cached-error");
        List<NextCheck> checks = DOCTOR.nextChecks(facts, before);
        assertThat(checks.get(0).observation()).isEqualTo("private-window-succeeds");
        assertThat(checks).noneSatisfy(c -> assertThat(c.observation()).isIn("php-fpm-running", "plugins-disabled-succeeds"));
    }

    @Test
    void theTopCheckSettlesACloudflareFiveOhTwo() throws Exception {
        FactSet facts = sample("next-check-cloudflare-bare-502.json");
        Diagnosis before = DOCTOR.diagnose(facts);
        assertThat(before.conclusive()).isFalse();
        List<NextCheck> checks = DOCTOR.nextChecks(facts, before);
        // No log was given: the origin's error log is asked for first, then the question that settles most.
        assertThat(checks.get(0).observation()).isEqualTo(NextChecks.ERROR_LOG);
        NextCheck top = checks.get(1);
        assertThat(top.observation()).isEqualTo("direct-origin-succeeds");
        Diagnosis after = DOCTOR.diagnose(top.answer(facts, "y"));
        assertThat(after.topCause().id()).isEqualTo("cdn-or-firewall-misconfiguration");
        assertThat(after.topCause().confidence()).isGreaterThan(0.9);
        assertThat(DOCTOR.nextChecks(top.answer(facts, "y"), after)).noneSatisfy(c -> assertThat(c.observation()).isEqualTo("direct-origin-succeeds"));
    }

    /** A Drupal site is never asked whether /wp-admin loads; a WordPress site, named or by default, may be. */
    @Test
    void aQuestionForOneApplicationIsAskedOnlyOfIt() throws Exception {
        String facts = """
                {"factset": 1, "site": {"app": "%s", "webServer": "apache"},
                 "facts": [{"type": "http", "status": 503},
                           {"type": "log", "source": "apache-error", "line": "[Sun Apr 03 22:57:29.963981 2016] [proxy:error] [pid 2840] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9000 (127.0.0.1) failed"},
                           {"type": "observation", "name": "php-fpm-running", "value": false}]}
                """;
        var reader = new dev.gatewaydoctor.facts.FactSetReader();
        var wordpress = reader.read("wp.json", facts.formatted("wordpress").getBytes(StandardCharsets.UTF_8));
        var drupal = reader.read("drupal.json", facts.formatted("drupal").getBytes(StandardCharsets.UTF_8));
        assertThat(DOCTOR.nextChecks(wordpress, DOCTOR.diagnose(wordpress))).extracting(NextCheck::observation).contains("wp-admin-reachable");
        assertThat(DOCTOR.nextChecks(drupal, DOCTOR.diagnose(drupal))).extracting(NextCheck::observation).doesNotContain("wp-admin-reachable")
                .isNotEmpty();
        var k = dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(DOCTOR);
        assertThat(k.check("wp-admin-reachable").asksAbout(new dev.gatewaydoctor.facts.Site(null, null, null, null, null, null, null, null), java.util.Set.of())).isTrue();
        assertThat(k.check("retry-succeeds").asksAbout(drupal.site(), java.util.Set.of())).isTrue();
    }

    /** A Node application behind nginx has no PHP-FPM to ask about. */
    @Test
    void anApplicationNotOnPhpIsAskedNothingAboutPhpFpm() throws Exception {
        String facts = """
                {"factset": 1, "site": {"app": "%s", "webServer": "nginx"},
                 "facts": [{"type": "http", "status": 502},
                           {"type": "log", "source": "nginx-error", "line": "2024/05/20 07:12:09 [error] 811#811: *4412 connect() to unix:/run/app.sock failed (2: No such file or directory) while connecting to upstream, client: 192.0.2.17, server: example.com, request: \\"GET / HTTP/1.1\\", upstream: \\"http://unix:/run/app.sock:/\\", host: \\"example.com\\""}]}
                """;
        var reader = new dev.gatewaydoctor.facts.FactSetReader();
        var wordpress = reader.read("wp.json", facts.formatted("wordpress").getBytes(StandardCharsets.UTF_8));
        var node = reader.read("node.json", facts.formatted("node").getBytes(StandardCharsets.UTF_8));
        var php = Set.of("php-fpm-running", "upstream-socket-exists", "php-error-log-empty", "web-server-can-open-socket", "php-fpm-pool-config-exists");
        assertThat(DOCTOR.nextChecks(node, DOCTOR.diagnose(node))).extracting(NextCheck::observation).doesNotContainAnyElementsOf(php);
        assertThat(DOCTOR.nextChecks(wordpress, DOCTOR.diagnose(wordpress))).extracting(NextCheck::observation).containsAnyElementsOf(php);
    }

    @Test
    void whyNotSaysWhatKeptACauseDown() throws Exception {
        Diagnosis d = DOCTOR.diagnose(sample("traffic-overload-surge.json"));
        List<WhyNot> whyNot = DOCTOR.whyNot(d);
        assertThat(whyNot).anySatisfy(w -> {
            assertThat(w.cause()).isEqualTo("php-fpm-pool-exhausted");
            assertThat(w.against()).anySatisfy(e -> assertThat(e.rule()).isEqualTo("Traffic is far above its baseline: that is overload, not a small pool"));
        });
        Diagnosis sock = DOCTOR.diagnose(sample("next-check-php-socket-missing.json"));
        assertThat(DOCTOR.whyNot(sock)).anySatisfy(w -> {
            assertThat(w.cause()).isEqualTo("php-fpm-down");
            assertThat(w.lacking()).anySatisfy(l -> assertThat(l).startsWith("PHP-FPM is not running (+2.5)"));
        });
    }

    @Test
    void everyObservationOfTheSpecAndOfTheRulesHasAHowTo() throws Exception {
        Set<String> spec = Set.of("retry-succeeds", "private-window-succeeds", "other-clients-succeed", "direct-origin-succeeds",
                "cdn-disabled-succeeds", "wp-admin-reachable", "static-files-succeed", "plugins-disabled-succeeds", "default-theme-succeeds",
                "core-checksums-ok", "malware-found", "other-sites-on-server-fail", "php-fpm-running", "database-reachable",
                "host-status-incident", "error-is-intermittent", "incidents-last-30-days", "upstream-socket-exists",
                "web-server-reload-succeeds", "php-error-log-empty", "recent-change-made", "previous-version-succeeds", "container-oom-killed");
        var fromRules = new TreeSet<String>();
        var m = java.util.regex.Pattern.compile("Observation\\(name == \"([^\"]+)\"").matcher("");
        try (var files = Files.walk(TestRules.RULES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.toString().endsWith(".drl")) continue;
                m.reset(Files.readString(p));
                while (m.find()) fromRules.add(m.group(1));
            }
        }
        var k = dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(DOCTOR);
        for (String name : new TreeSet<>(spec) {{ addAll(fromRules); }}) {
            assertThat(k.check(name)).as("a check for %s in rules/checks.yaml", name).isNotNull();
            assertThat(k.check(name).howTo()).as("how to check %s", name).isNotEmpty();
        }
    }

    @Test
    void interactiveAsksTheTopCheckAndDiagnosesAgainUntilConfident() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("skip\nyes\n".getBytes(StandardCharsets.UTF_8)));
            var out = new StringWriter();
            var err = new StringWriter();
            int code = Main.run(new String[] {"diagnose", "--rules", "rules", "--interactive", "facts-samples/next-check-php-socket-missing.json"},
                    new PrintWriter(out), new PrintWriter(err));
            assertThat(code).as(err.toString()).isZero();
            String text = out.toString();
            assertThat(text).contains("? Is the PHP-FPM service running?  [php-fpm-running]", "answer yes, no, skip or quit:");
            // The first question (did the site ever work) is skipped; PHP-FPM running keeps the wrong path first.
            String afterAnswer = text.substring(text.indexOf("[php-fpm-running]"));
            assertThat(afterAnswer).contains("1. Web server points at the wrong socket or port [upstream-address-mismatch]");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void interactiveStopsWhenTheFirstAnswerSettlesTheCause() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("/no/such/log\nskip\nmaybe\ny\n".getBytes(StandardCharsets.UTF_8)));
            var out = new StringWriter();
            int code = Main.run(new String[] {"diagnose", "--rules", "rules", "--interactive", "facts-samples/next-check-cloudflare-bare-502.json"},
                    new PrintWriter(out), new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            assertThat(out.toString()).contains("[error-log]", "cannot read /no/such/log",
                            "? Does the origin answer when asked directly, past the CDN?", "expected yes or no, found \"maybe\"")
                    .endsWith("Confident: CDN or firewall misconfiguration [cdn-or-firewall-misconfiguration].\n");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void nextChecksAreInTheJson() throws Exception {
        var out = new StringWriter();
        Main.run(new String[] {"diagnose", "--rules", "rules", "--json", "facts-samples/next-check-cloudflare-bare-502.json"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.get("nextChecks").get(0).get("observation").asText()).isEqualTo("error-log");
        assertThat(json.get("nextChecks").get(0).get("answer").asText()).isEqualTo("log");
        var first = json.get("nextChecks").get(1);
        assertThat(first.get("observation").asText()).isEqualTo("direct-origin-succeeds");
        assertThat(first.get("howTo").get(0).asText()).contains("curl -sSI --resolve");
        assertThat(first.get("gain").asDouble()).isPositive();
        assertThat(first.get("outcomes").get(0).get("topCause").asText()).isEqualTo("cdn-or-firewall-misconfiguration");
        assertThat(json.has("whyNot")).isTrue();
    }
}
