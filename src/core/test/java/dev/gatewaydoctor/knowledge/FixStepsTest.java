package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RankedCause;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.SamplesTest;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fix's steps follow the stack and the kind of change the evidence names (stepsFor in rules/fixes.yaml),
 * and name a culprit only of the kind they need (culpritOf).
 */
class FixStepsTest {

    private static final Knowledge K = TestRules.knowledge();
    private static final Site VPS = new Site(null, "wordpress", "nginx", null, null, "vps", "8.2", null);

    private static String steps(String fix, Site site, String... changes) {
        return String.join("\n", K.fix(fix).stepsFor(site, K.listsNaming(site), List.of(changes), null));
    }

    @ParameterizedTest
    @CsvSource({
            "firewall-changed, ufw status numbered",
            "cdn-enabled, Pause the CDN",
            "php-upgraded, Go back to the PHP version",
            "config-edited, nginx -t",
            "deploy, kubectl rollout undo",
            "core-updated, wp core update --version=PREVIOUS",
            "theme-updated, wp theme activate PREVIOUS",
            "plugin-updated, wp plugin install SLUG --version=X"})
    void undoingAChangeSpeaksOfThatKindOfChange(String change, String expected) {
        assertThat(steps("revert-recent-change", VPS, change)).contains(expected);
    }

    @Test
    void aConfigurationEditOnKubernetesIsUndoneInTheCluster() {
        Site k8s = new Site(null, "other", null, "kubernetes-ingress", null, "cloud", null, null);
        assertThat(steps("revert-recent-change", k8s, "config-edited")).contains("helm rollback").doesNotContain("apachectl");
        assertThat(steps("revert-recent-change", VPS, "config-edited")).contains("nginx -t").doesNotContain("kubectl");
    }

    @Test
    void theNearestChangeDecidesWhenThereAreSeveral() {
        assertThat(steps("revert-recent-change", VPS, "firewall-changed", "plugin-updated")).contains("ufw").doesNotContain("wp plugin install");
    }

    @ParameterizedTest
    @CsvSource({
            "container, , docker compose logs",
            ", kubernetes-ingress, kubectl logs POD --previous",
            "managed, , cannot restart PHP yourself",
            "vps, , systemctl status php8.2-fpm"})
    void restartingPhpFollowsTheStack(String hosting, String proxy, String expected) {
        Site site = new Site(null, "wordpress", "nginx", proxy, null, hosting, "8.2", null);
        assertThat(steps("restart-php-fpm", site)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "restart-php-fpm, cpanel, MultiPHP Manager",
            "restart-php-fpm, plesk, Services Management",
            "tune-php-fpm-pool, plesk, pm.max_children",
            "increase-memory-limit, cpanel, MultiPHP INI Editor",
            "raise-php-timeouts, plesk, additional nginx directives",
            "restart-backend-web-server, plesk, 7080/7081"})
    void panelsGetTheirOwnSteps(String fix, String panel, String expected) {
        Site site = new Site(null, "wordpress", "nginx", null, null, "vps", "8.2", null, null, panel);
        assertThat(steps(fix, site)).contains(expected).doesNotContain("systemctl restart php8.2-fpm and");
    }

    @Test
    void oneFixSpeaksOfTheCauseItIsRankedFor() {
        Fix f = K.fix("fix-upstream-address");
        assertThat(String.join("\n", f.stepsFor(VPS, java.util.Set.of(), List.of(), "upstream-protocol-mismatch"))).contains("proxy_ssl_trusted_certificate")
                .doesNotContain("grep -R '^listen'");
        assertThat(String.join("\n", f.stepsFor(VPS, java.util.Set.of(), List.of(), "upstream-address-mismatch"))).contains("grep -R '^listen'")
                .doesNotContain("proxy_ssl_trusted_certificate");
        assertThat(f.stepsFor(VPS, java.util.Set.of(), List.of(), null)).isEqualTo(f.steps());
    }

    @Test
    void anApplicationNotOnPhpIsStartedAsAnApplicationNotAsApache() {
        Site spring = new Site(null, "spring-boot", "nginx", null, null, "vps", null, null);
        assertThat(K.listsNaming(spring)).contains("apps-not-on-php");
        assertThat(steps("restart-backend-web-server", spring)).contains("systemctl status APP").doesNotContain("apache2");
        assertThat(steps("restart-backend-web-server", VPS)).contains("apache2");
        assertThat(K.logRequest(spring, List.of(502)).question()).contains("the application's own log").doesNotContain("PHP-FPM");
        assertThat(K.logRequest(VPS, List.of(502)).question()).contains("PHP-FPM");
    }

    @Test
    void liteSpeedsPhpIsStartedByLiteSpeed() {
        Site ols = new Site(null, "wordpress", "openlitespeed", null, null, "vps", "8.3", null);
        assertThat(steps("restart-php-fpm", ols)).contains("lsphp").contains("systemctl restart lsws").doesNotContain("php-fpm8.2 -t");
    }

    /** Behind Cloudflare's tunnel, cloudflared's own log is the one that names the origin it could not reach. */
    @Test
    void aTunnelsSiteIsAskedForCloudflaredsLog() {
        Site tunnel = new Site(null, "nextcloud", null, "cloudflared", "cloudflare", "container", null, null);
        assertThat(K.logRequest(tunnel, List.of(502)).question()).contains("cloudflared's log");
        assertThat(K.logRequest(tunnel, List.of(522)).question()).as("whatever the edge answered").contains("cloudflared's log");
        Site edge = new Site(null, "wordpress", "nginx", null, "cloudflare", "vps", null, null);
        assertThat(K.logRequest(edge, List.of(502)).question()).doesNotContain("cloudflared").contains("origin web server's error log");
    }

    /** An add-on behind Home Assistant's ingress is started from its own page, and its log and the Supervisor's are asked for. */
    @Test
    void anAddOnBehindHomeAssistantsIngressIsStartedAsAnAddOn() {
        Site addOn = new Site(null, "node-red", null, "home-assistant-ingress", null, "container", null, null);
        assertThat(steps("restart-backend-web-server", addOn)).contains("Configuration tab").doesNotContain("docker compose");
        assertThat(K.logRequest(addOn, List.of(502)).question()).contains("Supervisor's log");
        Site compose = new Site(null, "node-red", null, "traefik", null, "container", null, null);
        assertThat(steps("restart-backend-web-server", compose)).contains("docker compose").doesNotContain("Configuration tab");
    }

    /** A Node application behind nginx is offered no fix that restarts PHP-FPM or deactivates a WordPress plugin. */
    @Test
    void anApplicationNotOnPhpIsOfferedNoPhpFix() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, "node", "nginx", null, null, "vps", null, null))
                .http(502, java.util.Map.of(), null)
                .log("nginx-error", "2024/05/02 11:32:07 [error] 29#29: *310 upstream prematurely closed connection while reading response header "
                        + "from upstream, client: 203.0.113.9, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://127.0.0.1:3000/\", host: \"a\"")
                .event("plugin-updated", "express-session 1.18")
                .build());
        var php = List.of("restart-php-fpm", "debug-plugin-or-theme", "update-wordpress-themes-plugins", "increase-memory-limit",
                "tune-php-fpm-pool", "switch-php-version", "update-php-and-extensions", "reinstall-wordpress-core");
        assertThat(d.fixes()).extracting(RankedFix::id).doesNotContainAnyElementsOf(php).isNotEmpty();
        assertThat(d.fixes()).allSatisfy(f -> assertThat(String.join(" ", f.steps())).doesNotContain("wp plugin"));
        Diagnosis wordpress = TestRules.diagnoser().diagnose(FactSet.builder().http(502, java.util.Map.of(), null).build());
        assertThat(wordpress.fixes()).extracting(RankedFix::id).contains("restart-php-fpm", "debug-plugin-or-theme");
    }

    @Test
    void aListedConditionNamingNoListIsAProblemAtItsLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertThat(problemAt(tmp, "checks.yaml", t -> t.replaceFirst("\n    unless: \\{listed: \\[apps-not-on-php]}", "\n    unless: {listed: [apps-not-on-pgp]}"),
                "apps-not-on-pgp").message())
                .startsWith("\"listed\" names \"apps-not-on-pgp\", which is no list in rules/lists; did you mean \"apps-not-on-php\"");
    }

    /** Breaks one file of a copy of the rules; the loader's problem at the line that holds {@code marker}. */
    private static dev.gatewaydoctor.RuleProblem problemAt(Path tmp, String file, java.util.function.UnaryOperator<String> breakIt, String marker)
            throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        String text = breakIt.apply(java.nio.file.Files.readString(rules.resolve(file)));
        java.nio.file.Files.writeString(rules.resolve(file), text);
        int line = TestRules.lineOf(text, marker);
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(() -> KnowledgeLoader.fromDirectory(rules), dev.gatewaydoctor.RulesException.class);
        assertThat(thrown).as("the loader refuses the broken %s", file).isNotNull();
        return thrown.problems().stream().filter(p -> file.equals(p.file()) && p.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + file + ":" + line + " among " + thrown.problems()));
    }

    @Test
    void aProxyThatRefusesItsBackendsCertificateIsToldHowToTrustIt() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, "other", null, "traefik", null, "container", null, null))
                .http(500, java.util.Map.of(), "Internal Server Error")
                .log("docker", "traefik    | time=\"2024-03-11T09:14:02Z\" level=debug msg=\"'500 Internal Server Error' caused by: x509: "
                        + "cannot validate certificate for 172.20.0.5 because it doesn't contain any IP SANs\"")
                .build());
        assertThat(d.topCause().id()).isEqualTo("upstream-protocol-mismatch");
        RankedFix first = d.fixes().get(0);
        assertThat(first.id()).isEqualTo("fix-upstream-address");
        assertThat(String.join("\n", first.steps())).contains("Traefik insecureSkipVerify").doesNotContain("grep -R '^listen'");
    }

    @Test
    void stepsForACauseTheFixDoesNotTreatAreAProblemAtTheirLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assertThat(problemAt(tmp, "fixes.yaml", t -> t.replace("- causes: [upstream-protocol-mismatch]", "- causes: [disk-full]"), "- causes: [disk-full]")
                .message()).isEqualTo("expected a cause this fix treats (its \"treats\"), not \"disk-full\"");
    }

    @Test
    void aDiagnosisGivesTheStepsOfItsStackAndChange() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .site(new Site(null, "wordpress", "nginx", null, "cloudflare", "vps", "8.2", null))
                .http(522, java.util.Map.of("Server", "cloudflare"), null)
                .event("firewall-changed", "csf: new deny list")
                .observation("direct-origin-succeeds", true)
                .build());
        RankedFix revert = d.fixes().stream().filter(f -> f.id().equals("revert-recent-change") || f.id().equals("disable-cdn-and-firewall"))
                .findFirst().orElseThrow();
        assertThat(d.fixes()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("revert-recent-change");
            assertThat(String.join(" ", f.steps())).contains("Undo the firewall change").doesNotContain("wp plugin");
        });
        assertThat(revert).isNotNull();
    }

    @Test
    void aFactSetNamesItsPanelAndTheDiagnosisFollowsIt() throws Exception {
        String json = """
                {"factset": 1, "site": {"webServer": "nginx", "panel": "plesk", "php": "8.2"},
                 "facts": [{"type": "log", "source": "nginx-error", "line": "2024/05/20 07:12:09 [error] 811#811: *4412 connect() to unix:/var/www/vhosts/system/example.com/php-fpm.sock failed (111: Connection refused) while connecting to upstream, client: 192.0.2.17, server: example.com, request: \\"GET / HTTP/2.0\\", upstream: \\"fastcgi://unix:/var/www/vhosts/system/example.com/php-fpm.sock:\\", host: \\"example.com\\""},
                           {"type": "observation", "name": "php-fpm-running", "value": false}]}
                """;
        var facts = new dev.gatewaydoctor.facts.FactSetReader().read("plesk.json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(facts.warnings()).isEmpty();
        Diagnosis d = TestRules.diagnoser().diagnose(facts);
        assertThat(d.fixes().get(0).id()).isEqualTo("restart-php-fpm");
        assertThat(String.join(" ", d.fixes().get(0).steps())).contains("Services Management");
    }

    private static final Path SEGFAULT = Path.of("facts-samples/php-worker-crash-names-no-plugin.json");

    /** Where a step puts a plugin's slug: after a wp plugin command, or in a plugin's folder. */
    private static final Pattern SLUG_PLACE = Pattern.compile(
            "(?:wp plugin (?:update|deactivate|activate|install) |wp-content/plugins/)(\\S+?)(?=\\.?(?:\\s|$)|,|\\))");

    private static List<String> texts(RankedFix f) {
        var all = new ArrayList<>(f.steps());
        all.add(f.verify());
        all.add(f.undo());
        return all;
    }

    /** What each ranked fix's text puts where a plugin's slug goes. */
    private static List<String> slugPlaces(Diagnosis d) {
        var out = new ArrayList<String>();
        for (RankedFix f : d.fixes()) {
            for (String text : texts(f)) {
                Matcher m = SLUG_PLACE.matcher(text);
                while (m.find()) out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void aWorkerCrashPutsNoSignalWhereAPluginSlugGoes() throws Exception {
        Diagnosis d = TestRules.diagnoser().diagnose(SEGFAULT);
        assertThat(d.topCause().id()).isEqualTo("php-worker-crash");
        assertThat(d.topCause().culprit()).isEqualTo("SIGSEGV");
        assertThat(d.fixes()).extracting(RankedFix::id).contains("update-wordpress-themes-plugins", "debug-plugin-or-theme");
        for (RankedFix f : d.fixes()) {
            for (String text : texts(f)) {
                assertThat(text).as("%s", f.id()).doesNotContain("wp plugin update SIGSEGV").doesNotContain("plugins/SIGSEGV");
            }
        }
        assertThat(slugPlaces(d)).isNotEmpty().allSatisfy(slug -> assertThat(slug).isIn("PLUGIN", "SLUG"));
        assertThat(fix(d, "update-wordpress-themes-plugins").steps()).anySatisfy(s -> assertThat(s).endsWith("wp plugin update PLUGIN."));
    }

    /** Every team sample: a plugin's place holds the slug a plugin's fatal names, or the template's own word. */
    @Test
    void everySamplePutsOnlyAPluginsSlugWhereOneGoes() throws Exception {
        for (Path sample : SamplesTest.samples()) {
            Diagnosis d = TestRules.diagnoser().diagnose(sample);
            String slug = d.causes().stream().filter(c -> c.id().equals("plugin-or-theme-fatal-error")).map(RankedCause::culprit)
                    .map(dev.gatewaydoctor.engine.Engine::slug).filter(java.util.Objects::nonNull).findFirst().orElse("PLUGIN");
            assertThat(slugPlaces(d)).as("%s", sample).allSatisfy(place -> assertThat(place).isIn(slug, "PLUGIN", "SLUG"));
        }
    }

    @Test
    void aPluginsFatalStillFillsTheSlugBesideAWorkerCrash() {
        Diagnosis d = TestRules.diagnoser().diagnose(FactSet.builder()
                .log("php-fpm", "[09-Jun-2024 10:41:12] WARNING: [pool www] child 18812 exited on signal 11 (SIGSEGV) after 95.310245 seconds from start")
                .log("php-error", "[09-Jun-2024 10:40:58 UTC] PHP Fatal error:  Uncaught Error: Call to undefined function acme_render() in "
                        + "/var/www/html/wp-content/plugins/acme-forms/includes/render.php:42")
                .build());
        assertThat(d.causes()).extracting(RankedCause::id).contains("php-worker-crash", "plugin-or-theme-fatal-error");
        assertThat(String.join("\n", fix(d, "update-wordpress-themes-plugins").steps())).contains("wp plugin update acme-forms.");
        assertThat(String.join("\n", fix(d, "debug-plugin-or-theme").steps())).contains("wp plugin deactivate acme-forms");
        assertThat(fix(d, "debug-plugin-or-theme").undo()).startsWith("wp plugin activate acme-forms ");
        assertThat(String.join("\n", fix(d, "update-php-and-extensions").steps())).contains("SIGSEGV");
    }

    private static RankedFix fix(Diagnosis d, String id) {
        return d.fixes().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not ranked: " + d.fixes().stream().map(RankedFix::id).toList()));
    }
}
