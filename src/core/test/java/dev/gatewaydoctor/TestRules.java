package dev.gatewaydoctor;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The project's rules/ compiled once per test JVM: compiling costs about a second. */
public final class TestRules {

    public static final Path RULES = Path.of("rules");
    public static final Path SAMPLES = Path.of("facts-samples");

    /**
     * A rule to append to causes/transient-upstream-glitch.drl that makes a full disk (disk.utilization
     * 0.99) count for nothing but a glitch: a live reload shows as a change of answer.
     */
    public static final String FULL_DISK_AS_GLITCH_RULE = """

            rule "A full disk looks like a glitch (test rule)"
            when
                Metric(name == "disk.utilization", value >= 0.98)
            then
                insert(new Evidence("transient-upstream-glitch", 4.0));
            end
            """;
    private static Diagnoser diagnoser;

    private TestRules() {
    }

    public static synchronized Diagnoser diagnoser() {
        if (diagnoser == null) {
            try {
                diagnoser = Diagnoser.fromDirectory(RULES);
            } catch (RulesException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return diagnoser;
    }

    /** The knowledge behind {@link #diagnoser()}, which the API does not show. */
    public static dev.gatewaydoctor.knowledge.Knowledge knowledge() {
        return dev.gatewaydoctor.engine.DiagnoserAccess.knowledge(diagnoser());
    }

    private static dev.gatewaydoctor.recognition.LogRecognizer recognizer;

    /** The message families of rules/families, read once per test JVM. */
    public static synchronized dev.gatewaydoctor.recognition.LogRecognizer recognizer() {
        if (recognizer == null) {
            try {
                recognizer = dev.gatewaydoctor.knowledge.KnowledgeLoader.recognizer(RULES);
            } catch (RulesException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
        return recognizer;
    }

    /** A copy of rules/ to break on purpose. */
    public static Path copyOfRules(Path into) {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = into.resolve(RULES.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
