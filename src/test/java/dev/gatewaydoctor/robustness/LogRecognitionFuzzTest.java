package dev.gatewaydoctor.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatewaydoctor.facts.LogLine;
import dev.gatewaydoctor.recognition.LogRecognizer;

/** Any line at all: recognition returns signals (perhaps none) and never throws. */
class LogRecognitionFuzzTest {

    private static final LogRecognizer RECOGNIZER = dev.gatewaydoctor.TestRules.recognizer();

    @FuzzTest(maxDuration = "10s")
    void anyLineIsReadWithoutFailing(String line) {
        if (line == null) return; // LogLine refuses null text: the API's contract, not recognition's
        RECOGNIZER.recognize(new LogLine("other", line, null));
    }
}
