package dev.gatewaydoctor.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatewaydoctor.facts.FactSetException;
import dev.gatewaydoctor.facts.FactSetReader;

/**
 * Any bytes at all: the reader answers with a fact set or a FactSetException, nothing else (no other
 * exception, no hang, no stack overflow). In every build it replays its inputs (FactSetReaderFuzzTestInputs/:
 * samples whole and cut short); the fuzz profile (mvn verify -Pfuzz) searches for new ones, and a long run
 * is documented in docs/security.md.
 */
class FactSetReaderFuzzTest {

    private static final FactSetReader READER = new FactSetReader();

    @FuzzTest(maxDuration = "10s")
    void anyBytesGiveAFactSetOrAClearError(byte[] bytes) {
        try {
            READER.read("fuzz.json", bytes);
        } catch (FactSetException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzz.json")) {
                throw new AssertionError("an error that does not name the file: " + expected.getMessage());
            }
        }
    }
}
