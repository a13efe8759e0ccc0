package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.Diagnosis;
import dev.gatewaydoctor.RankedFix;
import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.facts.FactSet;
import dev.gatewaydoctor.facts.Site;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A fix's steps follow the stack and the kind of change the evidence names (stepsFor in rules/fixes.yaml). */
class FixStepsTest {

    private static final Knowledge K = TestRules.diagnoser().knowledge();
    private static final Site VPS = new Site(null, "wordpress", "nginx", null, null, "vps", "8.2", null);

    private static String steps(String fix, Site site, String... changes) {
        return String.join("\n", K.fix(fix).stepsFor(site, List.of(changes)));
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
}
