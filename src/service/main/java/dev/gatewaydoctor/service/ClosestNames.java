package dev.gatewaydoctor.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The known ids closest to a mistyped one ("tune-php-fpm" for "tune-phpfpm-pool"), for an error to suggest. */
final class ClosestNames {

    private ClosestNames() {
    }

    /** Up to {@code n} names, the closest first (edit distance, then name). */
    static List<String> to(String given, Collection<String> known, int n) {
        return known.stream()
                .sorted(Comparator.<String>comparingInt(k -> distance(given, k)).thenComparing(Comparator.naturalOrder()))
                .limit(n).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
