package dev.gatewaydoctor.knowledge;

import dev.gatewaydoctor.RulesException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled rules load by name through the build's index, from a class loader that serves streams but
 * no usable URLs: what a Spring Boot jar's nested jars give, where a zip file system cannot be opened.
 */
class BundledRulesTest {

    /** Serves the bundled rules as streams only, and can leave one file out. */
    private static ClassLoader streamsOnly(String missing) {
        ClassLoader real = BundledRulesTest.class.getClassLoader();
        return new ClassLoader(null) {
            @Override
            public URL getResource(String name) {
                return null;
            }

            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.emptyEnumeration();
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals(KnowledgeLoader.BUNDLED_ROOT + "/" + missing)) return null;
                return real.getResourceAsStream(name);
            }
        };
    }

    @Test
    void theBundledRulesLoadFromStreamsAloneAsTheJarHasThem() throws Exception {
        Knowledge fromStreams = KnowledgeLoader.bundled(streamsOnly("none"));
        Knowledge usual = KnowledgeLoader.bundled();
        assertThat(fromStreams.version()).isEqualTo(usual.version());
        assertThat(fromStreams.causes().keySet()).isEqualTo(usual.causes().keySet());
        assertThat(fromStreams.precompiled()).isTrue();
    }

    @Test
    void aFileTheIndexListsButTheJarLacksIsNamed() {
        assertThatThrownBy(() -> KnowledgeLoader.bundled(streamsOnly("causes/disk-full.drl")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("causes/disk-full.drl")
                .hasMessageContaining("missing from the class path");
    }
}
