package dev.gatewaydoctor.recognition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the families' words a text holds, found in one pass (an Aho-Corasick automaton over chars)
 * instead of one search of the text per word: a line that passes the gate is tried against every family,
 * and asking each of some 140 words in turn was a tenth of reading a log full of signals.
 */
public final class WordIndex {

    private final int[] classOf = new int[128];
    private final int classes;
    /**
     * From a state's offset (state x classes) and a char's class to the next state's offset, with the sign
     * bit set where the next state ends a word: {@link #find} looks up the words (a division) only then.
     */
    private final int[] next;
    /** Per state, the words that end there (through failure links too), as a bit set; null for none. */
    private final long[][] found;
    private final int longs;

    /** @param words ASCII words; the bit of word i in {@link #find} is bit i. */
    public WordIndex(List<String> words) {
        longs = Math.max(1, (words.size() + 63) / 64);
        int c = 1; // class 0: a char no word holds
        for (String w : words) {
            for (char ch : w.toCharArray()) {
                if (ch >= 128) throw new IllegalArgumentException("not an ASCII word: " + w);
                if (classOf[ch] == 0) classOf[ch] = c++;
            }
        }
        classes = c;
        var children = new ArrayList<int[]>();
        var ends = new ArrayList<long[]>();
        children.add(new int[classes]);
        ends.add(null);
        for (int i = 0; i < words.size(); i++) {
            int s = 0;
            for (char ch : words.get(i).toCharArray()) {
                int k = classOf[ch];
                if (children.get(s)[k] == 0) {
                    children.get(s)[k] = children.size();
                    children.add(new int[classes]);
                    ends.add(null);
                }
                s = children.get(s)[k];
            }
            if (ends.get(s) == null) ends.set(s, new long[longs]);
            ends.get(s)[i >>> 6] |= 1L << (i & 63);
        }
        int states = children.size();
        int[][] go = new int[states][];
        int[] fail = new int[states];
        found = new long[states][];
        go[0] = children.get(0).clone();
        var queue = new ArrayDeque<Integer>();
        for (int k = 0; k < classes; k++) if (go[0][k] != 0) queue.add(go[0][k]);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            found[s] = union(ends.get(s), found[fail[s]]);
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
            for (int k = 0; k < classes; k++) next[s * classes + k] = go[s][k] * classes | (found[go[s][k]] != null ? Integer.MIN_VALUE : 0);
        }
    }

    private long[] union(long[] a, long[] b) {
        if (a == null) return b;
        if (b == null) return a;
        long[] u = a.clone();
        for (int i = 0; i < u.length; i++) u[i] |= b[i];
        return u;
    }

    /** The class of a char or byte in {@link #firstWordTable}: 0 for one no word holds (every byte of a non-ASCII char). */
    public int classOf(int c) {
        return c >= 0 && c < 128 ? classOf[c] : 0;
    }

    /**
     * The automaton for a search that stops at the first word, as whole-log reading runs it over bytes: from a
     * state's offset (0 to start) plus a class to the next state's offset, negative where some word ends.
     */
    public int[] firstWordTable() {
        int[] t = next.clone();
        for (int i = 0; i < t.length; i++) if (t[i] < 0) t[i] = -1;
        return t;
    }

    /** The words the text holds, as a bit set (bit i: word i). */
    long[] find(String text) {
        long[] out = new long[longs];
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char ch = text.charAt(i);
            s = next[s + (ch < 128 ? classOf[ch] : 0)];
            if (s < 0) {
                s &= Integer.MAX_VALUE;
                long[] f = found[s / classes];
                for (int j = 0; j < longs; j++) out[j] |= f[j];
            }
        }
        return out;
    }
}
