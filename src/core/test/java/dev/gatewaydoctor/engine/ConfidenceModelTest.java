package dev.gatewaydoctor.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidenceModelTest {

    @Test
    void weightsAreLog10LikelihoodRatiosOnPriorOdds() {
        assertThat(ConfidenceModel.confidence(0, 0)).isEqualTo(0.5);
        assertThat(ConfidenceModel.confidence(-1, 0)).isCloseTo(1 / 11.0, within(1e-9));
        assertThat(ConfidenceModel.confidence(-1, 2)).isCloseTo(10 / 11.0, within(1e-9));
    }

    @Test
    void oneHintIsNeverConfidentAndIndependentEvidenceAddsUp() {
        assertThat(ConfidenceModel.confidence(-1.0, 0.5)).isLessThan(0.25);
        double one = ConfidenceModel.confidence(-1.0, 1.5);
        double two = ConfidenceModel.confidence(-1.0, 1.5 + 1.0);
        double against = ConfidenceModel.confidence(-1.0, 1.5 + 1.0 - 2.0);
        assertThat(two).isGreaterThan(one);
        assertThat(against).isLessThan(one);
    }

    @Test
    void fixScoresCombineAsIndependentChances() {
        assertThat(ConfidenceModel.noisyOr(List.of())).isZero();
        assertThat(ConfidenceModel.noisyOr(List.of(0.5, 0.5))).isEqualTo(0.75);
        assertThat(ConfidenceModel.noisyOr(List.of(0.9))).isEqualTo(0.9, within(1e-12));
    }

    @Test
    void evidenceOutsideTheScaleIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Evidence("disk-full", 5))
                .hasMessageContaining("outside -4..+4");
    }

    @Test
    void culpritPlaceholdersAreFilled() {
        assertThat(Engine.fill("wp plugin deactivate {culprit|SLUG}", "akismet")).isEqualTo("wp plugin deactivate akismet");
        assertThat(Engine.fill("wp plugin deactivate {culprit|SLUG}", null)).isEqualTo("wp plugin deactivate SLUG");
        assertThat(Engine.fill("the {culprit}", null)).isEqualTo("the the culprit");
    }

    @Test
    void anAddressPlaceholderTakesOnlyAnAddress() {
        String step = "curl -sSI http://{address|127.0.0.1:PORT}/";
        assertThat(Engine.fill(step, "127.0.0.1:3000")).isEqualTo("curl -sSI http://127.0.0.1:3000/");
        assertThat(Engine.fill(step, "wordpress:9000")).isEqualTo("curl -sSI http://wordpress:9000/");
        assertThat(Engine.fill(step, "[::1]:8000")).isEqualTo("curl -sSI http://[::1]:8000/");
        assertThat(Engine.fill("ls -l {address|the socket}", "unix:/run/php/php8.2-fpm.sock")).isEqualTo("ls -l unix:/run/php/php8.2-fpm.sock");
        assertThat(Engine.fill(step, "server rebooted for updates")).as("an event's words").isEqualTo("curl -sSI http://127.0.0.1:PORT/");
        assertThat(Engine.fill("finds no PHP-FPM at {address|its socket or port}.",
                "unable to bind listening socket for address '127.0.0.1:9000': Address already in use (98)"))
                .as("a log's words that hold an address").isEqualTo("finds no PHP-FPM at its socket or port.");
        assertThat(Engine.fill(step, null)).isEqualTo("curl -sSI http://127.0.0.1:PORT/");
    }

    @Test
    void aSlugPlaceholderTurnsAPluginsNameIntoItsSlug() {
        assertThat(Engine.fill("wp plugin deactivate {slug|SLUG}", "Query Monitor 3.16")).isEqualTo("wp plugin deactivate query-monitor");
        assertThat(Engine.fill("wp plugin update {slug|PLUGIN}", "woocommerce")).isEqualTo("wp plugin update woocommerce");
        assertThat(Engine.fill("wp plugin update {slug|PLUGIN}", "laravel-debugbar 1.8.2")).isEqualTo("wp plugin update laravel-debugbar");
        assertThat(Engine.fill("wp plugin update {slug|PLUGIN}", "WP Rocket v3.9")).isEqualTo("wp plugin update wp-rocket");
        assertThat(Engine.fill("wp plugin update {slug|PLUGIN}", "3.9")).as("no word left").isEqualTo("wp plugin update PLUGIN");
        assertThat(Engine.slug("Back to Top")).isEqualTo("back-to-top");
        assertThat(Engine.slug("Back to Top 1.2")).isEqualTo("back-to-top");
        assertThat(Engine.slug("wp-rocket to 3.9")).isEqualTo("wp-rocket");
        assertThat(Engine.slug("contact-form-7-to-database-extension 2.10.29 -> 2.10.32 uploaded by FTP")).isEqualTo("contact-form-7-to-database-extension");
        assertThat(Engine.slug("font-awesome (a few weeks earlier)")).isEqualTo("font-awesome");
        assertThat(Engine.slug("Adminer, via the appliance's adminer.sh script")).isEqualTo("adminer");
        assertThat(Engine.slug("Engintron 1.8 (Nginx reverse proxy for cPanel/WHM)")).isEqualTo("engintron");
        assertThat(Engine.fill("wp plugin update {slug|PLUGIN}", null)).isEqualTo("wp plugin update PLUGIN");
        assertThat(Engine.fill("The evidence names {culprit}; wp plugin deactivate {slug|SLUG}", "Query Monitor"))
                .isEqualTo("The evidence names Query Monitor; wp plugin deactivate query-monitor");
    }
}
