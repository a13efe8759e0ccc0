package dev.gatewaydoctor.packaging;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library as services package it (docs/api.md, "Where it runs"): DiagnoseApp, built by this module,
 * run with {@code java -jar} or {@code java -cp} on facts-samples/php-memory-exhausted.json. The bundled
 * rules load by name through their index and the precompiled model from whatever class loader holds the
 * library. {@code mvn verify -Ppackaging -pl src/packaging} (after {@code mvn install -DskipTests}).
 */
class PackagingIT {

    @Test
    void springBootJarWithItsDefaultLoader() throws Exception {
        Run.java("-jar", Run.jar("boot").toString())
                .diagnosedWithPrecompiledBundledRules("org.springframework.boot.loader.launch.LaunchedClassLoader");
    }

    /** Boot 3.5's classic loader: nested jars opened through jar: URLs (Boot 4 has no CLASSIC loader; ClassicLoaderJar). */
    @Test
    void springBootJarWithTheClassicLoader() throws Exception {
        Run.java("-jar", Run.jar("boot-classic").toString())
                .diagnosedWithPrecompiledBundledRules("org.springframework.boot.loader.LaunchedURLClassLoader");
    }

    @Test
    void shadedJarWithTheServicesTransformer() throws Exception {
        Run.java("-jar", Run.jar("shaded").toString())
                .diagnosedWithPrecompiledBundledRules("jdk.internal.loader.ClassLoaders$AppClassLoader");
    }

    /**
     * Without the transformer each service file is the first jar's: with Drools 10.1 the only one two jars
     * both carry is org.drools.wiring.api.ComponentsSupplier (drools-wiring-static and -dynamic), and either
     * serves, so this jar works. The transformer stays the advice (docs/api.md).
     */
    @Test
    void shadedJarWithoutTheServicesTransformerStillWorksWithDrools10() throws Exception {
        Run.java("-jar", Run.jar("shaded-noservices").toString())
                .diagnosedWithPrecompiledBundledRules("jdk.internal.loader.ClassLoaders$AppClassLoader");
    }

    /** A jar that lost Drools's own service files: the library's message names them and the remedy, exit 1, no Drools trace. */
    @Test
    void shadedJarWithoutDroolsServicesFailsWithTheLibrarysOwnMessage() throws Exception {
        Run r = Run.java("-jar", Run.jar("shaded-nodroolsservices").toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("error=java.lang.IllegalStateException: the rules bundled in this jar do not load (a packaging bug)")
                .contains("Drools could not start: the class path lacks META-INF/services/org.drools.wiring.api.ComponentsSupplier, "
                        + "META-INF/services/org.drools.core.reteoo.RuntimeComponentFactory")
                .contains("ServicesResourceTransformer")
                .doesNotContain("NullPointerException", "ExceptionInInitializerError", "cause=");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void plainClassPath() throws Exception {
        String deps = Files.readString(Run.TARGET.resolve("runtime-classpath.txt")).strip();
        String cp = Run.TARGET.resolve("classes") + java.io.File.pathSeparator + deps;
        assertThat(deps).contains("gatewaydoctor");
        Run.java("-cp", cp, "dev.gatewaydoctor.packaging.DiagnoseApp")
                .diagnosedWithPrecompiledBundledRules("jdk.internal.loader.ClassLoaders$AppClassLoader");
    }

    @Test
    void bootJarNestsTheLibraryJarWhole() throws Exception {
        try (var boot = new java.util.jar.JarFile(Run.jar("boot").toFile())) {
            assertThat(boot.stream().map(java.util.zip.ZipEntry::getName))
                    .anyMatch(n -> n.matches("BOOT-INF/lib/gatewaydoctor-[^/]*\\.jar"));
        }
        assertThat(Path.of(Run.TARGET.toString(), Run.NAME + ".jar")).isRegularFile();
    }
}
