package dev.gatewaydoctor.packaging;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library at the versions a Spring Boot 4.0.7 parent pins (spring-boot-dependencies 4.0.7, imported
 * by this module only): Jackson 2.21.4 ({@code jackson-2-bom.version}; Boot 4's own Jackson is Jackson 3,
 * {@code tools.jackson}, which the library does not use), SnakeYAML 2.5 and SLF4J 2.0.18. The library
 * itself builds with Jackson 2.23.0 and SLF4J 2.0.17 (the root pom). This test reads the BOM that Maven
 * resolved and checks that the Boot jar nests exactly those versions; PackagingIT runs that jar.
 */
class PinnedVersionsIT {

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as(name + " in spring-boot-dependencies").isTrue();
        return m.group(1).strip();
    }

    @Test
    void theBootJarNestsTheVersionsSpringBootPins() throws Exception {
        String boot = System.getProperty("spring-boot.version", "4.0.7");
        Path bom = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                "org/springframework/boot/spring-boot-dependencies", boot, "spring-boot-dependencies-" + boot + ".pom");
        String pom = Files.readString(bom);
        String jackson = property(pom, "jackson-2-bom.version");
        String snakeyaml = property(pom, "snakeyaml.version");
        String slf4j = property(pom, "slf4j.version");
        try (var jar = new JarFile(Run.jar("boot").toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/")).map(n -> n.substring("BOOT-INF/lib/".length())))
                    .contains("jackson-databind-" + jackson + ".jar", "jackson-core-" + jackson + ".jar",
                            "jackson-dataformat-yaml-" + jackson + ".jar", "snakeyaml-" + snakeyaml + ".jar", "slf4j-api-" + slf4j + ".jar")
                    .noneMatch(n -> n.matches("(jackson-databind|jackson-core|snakeyaml|slf4j-api)-.*\\.jar")
                            && !n.equals("jackson-databind-" + jackson + ".jar") && !n.equals("jackson-core-" + jackson + ".jar")
                            && !n.equals("snakeyaml-" + snakeyaml + ".jar") && !n.equals("slf4j-api-" + slf4j + ".jar"));
        }
        assertThat(jackson + " " + snakeyaml + " " + slf4j).as("the versions this class's javadoc names").isEqualTo("2.21.4 2.5 2.0.18");
    }
}
