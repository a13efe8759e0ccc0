package dev.gatewaydoctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md's helpdesk example, compiled as it stands in the document and run on the pasted tickets
 * of src/core/test/resources/tickets: if the API drifts from the document, this fails.
 */
class ApiExampleTest {

    private static final Pattern BLOCK = Pattern.compile("(?s)```java helpdesk\\n(.*?)```");

    @Test
    void theHelpdeskExampleTurnsARawTicketIntoADiagnosis(@TempDir Path tmp) throws Exception {
        Matcher m = BLOCK.matcher(Files.readString(Path.of("docs/api.md")));
        assertThat(m.find()).as("docs/api.md has a ```java helpdesk block").isTrue();
        String source = m.group(1);
        assertThat(source.lines().count()).as("lines of the example").isLessThan(15);

        Path file = tmp.resolve("src/Helpdesk.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        var compiler = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean ok = compiler.getTask(null, files, diagnostics, List.of("-d", tmp.resolve("classes").toString(), "-cp", classpath), null,
                    files.getJavaFileObjects(file)).call();
            assertThat(ok).as("the example compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }

        try (var loader = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            Method answer = loader.loadClass("Helpdesk").getDeclaredMethod("answer", String.class, String.class);
            answer.setAccessible(true);
            Diagnoser doctor = Diagnoser.withBundledRules();
            var titles = doctor.vocabulary().causes();
            int labelledFirst = 0;
            List<Path> tickets;
            try (Stream<Path> list = Files.list(Path.of("src/core/test/resources/tickets"))) {
                tickets = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
            }
            assertThat(tickets).hasSizeGreaterThanOrEqualTo(10);
            for (Path ticket : tickets) {
                String id = ticket.getFileName().toString().replace(".txt", "");
                String text = Files.readString(ticket);
                String said = (String) answer.invoke(null, id, text);
                Diagnosis d = doctor.diagnose(doctor.incident().ticket(id, text).build());
                if (d.conclusive()) {
                    assertThat(said).as(id).startsWith(d.topCause().title() + ". Try first: " + d.fixes().get(0).title() + "\n- ");
                    String labelled = new ObjectMapper().readTree(ticket.resolveSibling(id + ".expect.json").toFile()).path("cause").asText();
                    if (said.startsWith(titles.get(labelled) + ".")) labelledFirst++;
                } else {
                    assertThat(said).as(id).startsWith("Not settled yet. Ask");
                }
            }
            assertThat(labelledFirst).as("tickets whose labelled cause the example names first").isPositive();
        }
    }
}
