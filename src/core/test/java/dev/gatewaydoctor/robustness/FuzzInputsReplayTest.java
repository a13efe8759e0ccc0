package dev.gatewaydoctor.robustness;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every build replays the fuzz tests' checked-in inputs through the same properties, as plain tests: Jazzer's agent,
 * which only the search for new inputs needs (the fuzz profile, run by CI after the build), took seconds to start.
 */
class FuzzInputsReplayTest {

    private static final Path INPUTS = Path.of("src/core/test/resources/dev/gatewaydoctor/robustness");

    @TestFactory
    Stream<DynamicTest> theFactSetReadersInputsGiveAFactSetOrAClearError() {
        var property = new FactSetReaderFuzzTest();
        return replay("FactSetReaderFuzzTestInputs", property::anyBytesGiveAFactSetOrAClearError);
    }

    @TestFactory
    Stream<DynamicTest> theRecognitionsInputsAreReadWithoutFailing() {
        var property = new LogRecognitionFuzzTest();
        return replay("LogRecognitionFuzzTestInputs", property::anyLineIsReadWithoutFailing);
    }

    private static Stream<DynamicTest> replay(String directory, Consumer<byte[]> property) {
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(INPUTS.resolve(directory))) {
            inputs = files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(inputs).as("checked-in inputs of " + directory).hasSizeGreaterThan(20);
        return inputs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> property.accept(Files.readAllBytes(p))));
    }
}
