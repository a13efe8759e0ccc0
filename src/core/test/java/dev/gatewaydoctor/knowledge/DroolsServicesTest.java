package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RulesException;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A jar repackaged without Drools's service files fails with the library's own message naming them
 * (src/packaging's ShadedJarIT runs such a jar end to end), not a NullPointerException from inside Drools.
 */
class DroolsServicesTest {

    /** Hides one resource, as a shaded jar that dropped it does. */
    private static ClassLoader without(String resource) {
        return new ClassLoader(DroolsServicesTest.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.equals(resource) ? null : super.getResource(name);
            }
        };
    }

    @Test
    void theBuildsClassPathHasEveryServiceDroolsStartsFrom() throws Exception {
        assertThat(DroolsServices.missing(getClass().getClassLoader())).isEmpty();
        DroolsServices.check("bundled", getClass().getClassLoader());
    }

    @Test
    void aMissingServiceFileIsNamedWithWhatMendsIt() {
        for (String service : DroolsServices.REQUIRED) {
            String file = "META-INF/services/" + service;
            assertThat(DroolsServices.missing(without(file))).containsExactly(file);
            assertThatThrownBy(() -> DroolsServices.check("bundled", without(file)))
                    .isInstanceOf(RulesException.class)
                    .hasMessageContaining("Drools could not start: the class path lacks " + file)
                    .hasMessageContaining("ServicesResourceTransformer");
        }
    }
}
