package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.recognition.LogRecognizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte search agrees with String.contains on every word, wherever the word sits in a line. */
class SignalWordsTest {

    private static final SignalWords WORDS = new SignalWords(dev.gatewaydoctor.TestRules.recognizer().words());

    private static boolean contains(String line) {
        return dev.gatewaydoctor.TestRules.recognizer().words().stream().anyMatch(line::contains);
    }

    private static boolean found(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return WORDS.foundIn(b, 0, b.length);
    }

    @Test
    void everyWordIsFoundAloneAtTheStartInTheMiddleAndAtTheEnd() {
        for (String w : dev.gatewaydoctor.TestRules.recognizer().words()) {
            for (String line : List.of(w, "x" + w, "2024/03/01 12:00:00 [error] 1#1: *2 " + w + " while", "tail " + w)) {
                assertThat(found(line)).as(line).isTrue();
            }
        }
    }

    @Test
    void wordsCutShortOrOverlappingOthersAreFoundExactlyWhenContainsFindsThem() {
        var random = new Random(7);
        String alphabet = " ()[]:;,.-_/\"'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int n = 0; n < 20_000; n++) {
            var sb = new StringBuilder();
            int parts = 1 + random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                if (random.nextBoolean()) {
                    String w = dev.gatewaydoctor.TestRules.recognizer().words().get(random.nextInt(dev.gatewaydoctor.TestRules.recognizer().words().size()));
                    // whole, or cut at either end: "prematurel", "onnect()" must not count
                    int from = random.nextInt(3) == 0 ? random.nextInt(w.length()) : 0;
                    int to = random.nextInt(3) == 0 ? from + random.nextInt(w.length() - from) + 1 : w.length();
                    sb.append(w, from, to);
                } else {
                    for (int i = random.nextInt(8); i > 0; i--) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String line = sb.toString();
            assertThat(found(line)).as(line).isEqualTo(contains(line));
        }
    }

    @Test
    void ordinaryNoiseIsNotFound() {
        assertThat(found("2024/03/01 12:00:00 [warn] 1187#1187: *5 an upstream response is buffered to a temporary file "
                + "/var/lib/nginx/fastcgi/3/02/0000000023 while reading upstream, client: 203.0.113.9, server: shop.example.com")).isFalse();
        assertThat(found("2024/03/01 12:00:00 [error] 1187#1187: *5 open() \"/var/www/html/favicon.ico\" failed (2: No such file or directory)")).isFalse();
    }
}
