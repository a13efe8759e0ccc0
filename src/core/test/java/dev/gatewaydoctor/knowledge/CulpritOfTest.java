package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RulesException;
import dev.gatewaydoctor.TestRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** culpritOf in fixes.yaml: which causes' culprits may fill a fix's {culprit}, and the mistakes an expert can make with it. */
class CulpritOfTest {

    private static final Map<String, Double> TREATS = Map.of("outdated-or-incompatible-code", 0.8,
            "plugin-or-theme-fatal-error", 0.4, "php-worker-crash", 0.2);

    private static Fix fix(List<String> culpritOf) {
        return new Fix("f", "F", null, 3, "low", TREATS, List.of("wp plugin update {culprit|PLUGIN}"), "v", "u", List.of(), culpritOf);
    }

    @Test
    void withoutCulpritOfTheCauseTreatedBestNamesTheCulprit() {
        assertThat(fix(List.of()).culpritCause(List.of("php-worker-crash", "plugin-or-theme-fatal-error"))).isEqualTo("plugin-or-theme-fatal-error");
        assertThat(fix(List.of()).culpritCause(List.of("php-worker-crash"))).isEqualTo("php-worker-crash");
    }

    @Test
    void culpritOfLeavesOnlyTheCausesItNames() {
        Fix f = fix(List.of("plugin-or-theme-fatal-error"));
        assertThat(f.culpritCause(List.of("outdated-or-incompatible-code", "php-worker-crash", "plugin-or-theme-fatal-error")))
                .isEqualTo("plugin-or-theme-fatal-error");
        assertThat(f.culpritCause(List.of("php-worker-crash", "outdated-or-incompatible-code"))).as("the template's own words").isNull();
    }

    @Test
    void theProjectsPluginCommandsTakeOnlyAPluginsSlug() {
        Knowledge k = TestRules.knowledge();
        assertThat(k.fix("update-wordpress-themes-plugins").culpritOf()).containsExactly("plugin-or-theme-fatal-error");
        assertThat(k.fix("debug-plugin-or-theme").culpritOf()).containsExactly("plugin-or-theme-fatal-error");
        assertThat(k.fix("update-php-and-extensions").culpritOf()).isEmpty();
    }

    @Test
    void aMisspeltCauseAFieldThatIsNoListAndAMisspeltFieldAreProblemsAtTheirLines(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.slimCopyOfRules(tmp.resolve("rules"));
        Path fixes = rules.resolve("fixes.yaml");
        String text = Files.readString(fixes)
                .replaceFirst("culpritOf: \\[plugin-or-theme-fatal-error]", "culpritOf: [plugin-or-theme-fatal-eror]")
                .replace("culpritOf: [php-fpm-down]", "culpritOf: php-fpm-down")
                .replace("culpritOf: [php-fpm-pool-exhausted]", "culpritof: [php-fpm-pool-exhausted]");
        Files.writeString(fixes, text);
        assertThatThrownBy(() -> KnowledgeLoader.fromDirectory(rules)).isInstanceOfSatisfying(RulesException.class, e -> {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("fixes.yaml"));
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(TestRules.lineOf(text, "plugin-or-theme-fatal-eror"));
                assertThat(p.message()).isEqualTo("culpritOf names \"plugin-or-theme-fatal-eror\", which is no cause in causes.yaml; "
                        + "did you mean \"plugin-or-theme-fatal-error\"?");
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(TestRules.lineOf(text, "culpritOf: php-fpm-down"));
                assertThat(p.message()).startsWith("expected \"culpritOf\": a list of the cause ids");
            });
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(TestRules.lineOf(text, "culpritof:"));
                assertThat(p.message()).startsWith("a fix has no field \"culpritof\"; did you mean \"culpritOf\"?");
            });
        });
    }
}
