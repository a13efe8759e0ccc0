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
        return copy(into, p -> true);
    }

    /**
     * The cause files the slim copy keeps: the ones tests of the machinery (reloads, rule faults, rules check's
     * messages) break or read.
     */
    public static final java.util.Set<String> SLIM_CAUSES = java.util.Set.of("disk-full", "transient-upstream-glitch", "php-fpm-down", "php-fpm-pool-exhausted");

    /**
     * A copy of rules/ with every data file but only the rule files of {@link #SLIM_CAUSES}, for tests whose point is
     * the machinery, not the knowledge: it compiles in a quarter of the time of the whole catalog (about 1 s against
     * 4-5 s per broken copy), and its other causes are still in causes.yaml, so ids, fixes and checks stay valid.
     */
    /** The line (1-based) of a text on which {@code part} first begins: where a loader's problem should point. */
    public static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count() + 1;
    }

    public static Path slimCopyOfRules(Path into) {
        return copy(into, p -> {
            String rel = RULES.relativize(p).toString().replace('\\', '/');
            if (!rel.startsWith("causes/") || !rel.endsWith(".drl")) return true;
            return SLIM_CAUSES.contains(rel.substring("causes/".length(), rel.length() - ".drl".length()));
        });
    }

    private static Path copy(Path into, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!keep.test(p)) continue;
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
