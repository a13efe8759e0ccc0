package dev.gatewaydoctor.ingest;

import dev.gatewaydoctor.recognition.WordIndex;

import java.util.List;

/**
 * Searches bytes for all the words some message family needs ({@link
 * dev.gatewaydoctor.recognition.LogRecognizer#words()}) in one pass: the families' word automaton
 * ({@link WordIndex}), run over bytes and stopping at the first word. Most lines of a real log are noise;
 * this lets them be counted and dropped without ever becoming strings, as grep drops what does not match.
 */
final class SignalWords {

    private final byte[] classOf = new byte[256];
    /** From a state's offset and a byte's class to the next state's offset; negative: a word ends there. */
    private final int[] next;

    SignalWords(List<String> words) {
        WordIndex index = new WordIndex(words);
        for (int b = 0; b < 256; b++) classOf[b] = (byte) index.classOf(b);
        next = index.firstWordTable();
    }

    /** Whether bytes[from, to) hold one of the words. */
    boolean foundIn(byte[] bytes, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s = next[s + classOf[bytes[i] & 0xff]];
            if (s < 0) return true;
        }
        return false;
    }

    /** The scanning loop's state after one more byte: negative once a word has ended. */
    int step(int state, byte b) {
        return next[state + classOf[b & 0xff]];
    }
}
