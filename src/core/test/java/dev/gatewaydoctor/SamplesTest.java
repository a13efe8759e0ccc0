package dev.gatewaydoctor;

import dev.gatewaydoctor.replay.Replay;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays every sample in facts-samples/ against rules/ and checks its expect block. */
public class SamplesTest {

    public static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(TestRules.SAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySampleMeetsItsExpectation() throws IOException {
        return samples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Replay.Result r = Replay.replay(TestRules.diagnoser(), file);
            assertThat(r.error()).as("%s", file).isNull();
            assertThat(r.failures()).as("%s", file).isEmpty();
        }));
    }
}
