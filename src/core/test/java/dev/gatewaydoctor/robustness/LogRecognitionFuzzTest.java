package dev.gatewaydoctor.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;

/**
 * Any line at all: recognition returns signals (perhaps none) and never throws. In every build it replays
 * its inputs (LogRecognitionFuzzTestInputs/: each family's lines, and pastes' odd shapes); the fuzz
 * profile (mvn verify -Pfuzz) searches for new ones.
 */
class LogRecognitionFuzzTest {

    private static final LogRecognizer RECOGNIZER = dev.gatewaydoctor.TestRules.recognizer();

    @FuzzTest(maxDuration = "10s")
    void anyLineIsReadWithoutFailing(byte[] bytes) {
        // Bytes, read as a log's bytes are: the checked-in inputs are plain lines.
        RECOGNIZER.recognize(new LogLine("other", new String(bytes, java.nio.charset.StandardCharsets.UTF_8), null));
    }
}
