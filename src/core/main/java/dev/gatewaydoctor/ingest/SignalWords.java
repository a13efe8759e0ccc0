package dev.gatewaydoctor.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches bytes for all the words some message family needs ({@link
 * dev.gatewaydoctor.recognition.LogRecognizer#SIGNAL_WORDS}) in one pass: an Aho-Corasick automaton
 * compiled to a table. Most lines of a real log are noise; this lets them be counted and dropped
 * without ever becoming strings, as grep drops what does not match.
 */
final class SignalWords {

    private final byte[] classOf = new byte[256];
    private final int classes;
    /** From a state's offset (state x classes) and a byte's class to the next state's offset; negative: a word ends there. */
    private final int[] next;

    SignalWords(List<String> words) {
        var distinct = new java.util.TreeSet<Integer>();
        for (String w : words) for (byte b : w.getBytes(StandardCharsets.US_ASCII)) distinct.add(b & 0xff);
        int c = 1; // class 0: a byte no word holds
        for (int b : distinct) classOf[b] = (byte) c++;
        classes = c;

        // The trie: children per state and class, whether a word ends at the state.
        var children = new ArrayList<int[]>();
        var ends = new ArrayList<Boolean>();
        children.add(new int[classes]);
        ends.add(false);
        for (String w : words) {
            int s = 0;
            for (byte b : w.getBytes(StandardCharsets.US_ASCII)) {
                int k = classOf[b & 0xff];
                if (children.get(s)[k] == 0) {
                    children.get(s)[k] = children.size();
                    children.add(new int[classes]);
                    ends.add(false);
                }
                s = children.get(s)[k];
            }
            ends.set(s, true);
        }
        // Failure links, breadth first, folded into a full transition table.
        int states = children.size();
        int[][] go = new int[states][];
        int[] fail = new int[states];
        boolean[] accepts = new boolean[states];
        go[0] = children.get(0).clone();
        var queue = new ArrayDeque<Integer>();
        for (int k = 0; k < classes; k++) {
            if (go[0][k] != 0) queue.add(go[0][k]);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            accepts[s] = ends.get(s) || accepts[fail[s]];
            go[s] = new int[classes];
            for (int k = 0; k < classes; k++) {
                int child = children.get(s)[k];
                if (child != 0) {
                    fail[child] = go[fail[s]][k];
                    go[s][k] = child;
                    queue.add(child);
                } else {
                    go[s][k] = go[fail[s]][k];
                }
            }
        }
        next = new int[states * classes];
        for (int s = 0; s < states; s++) {
            for (int k = 0; k < classes; k++) {
                int t = go[s][k];
                next[s * classes + k] = accepts[t] ? -1 : t * classes;
            }
        }
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
