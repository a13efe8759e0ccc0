import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fresh tests' table (src/bench/fresh-tests.sh): each batch's first score, then one reliability table
 * over every batch, in the bins of `replay --score`. Arguments: NAME=FILE, a batch's `replay --score --json`.
 */
public class FreshTable {
    record Answer(double confidence, boolean right, boolean hard) {
    }

    public static void main(String[] args) throws Exception {
        var all = new ArrayList<Answer>();
        System.out.println("| batch | incidents | cause@1 | hard | cause@1, hard | wrong >= 0.8 | Brier |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (String arg : args) {
            String name = arg.substring(0, arg.indexOf('='));
            JsonNode doc = new ObjectMapper().readTree(Path.of(arg.substring(arg.indexOf('=') + 1)).toFile());
            var batch = new ArrayList<Answer>();
            for (JsonNode c : doc.path("cases")) {
                if (!c.path("scored").asBoolean(true)) continue;
                batch.add(new Answer(c.path("confidence").asDouble(), c.path("causeAt1").asBoolean(), c.path("hard").asBoolean()));
            }
            var hard = batch.stream().filter(Answer::hard).toList();
            System.out.printf("| %s | %d | %s | %d | %s | %d | %.3f |%n", name, batch.size(), pct(right(batch), batch.size()), hard.size(),
                    pct(right(hard), hard.size()), batch.stream().filter(a -> a.confidence() >= 0.8 && !a.right()).count(), brier(batch));
            all.addAll(batch);
        }
        System.out.printf("| all | %d | %s | %d | %s | %d | %.3f |%n%n", all.size(), pct(right(all), all.size()),
                all.stream().filter(Answer::hard).count(), pct(right(all.stream().filter(Answer::hard).toList()),
                        (int) all.stream().filter(Answer::hard).count()),
                all.stream().filter(a -> a.confidence() >= 0.8 && !a.right()).count(), brier(all));
        System.out.println("| confidence | answers | mean confidence | right |");
        System.out.println("|---|---:|---:|---:|");
        double[] edges = {0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001};
        for (int i = 0; i + 1 < edges.length; i++) {
            double lo = edges[i], hi = edges[i + 1];
            List<Answer> bin = all.stream().filter(a -> a.confidence() >= lo && a.confidence() < hi).toList();
            if (bin.isEmpty()) continue;
            System.out.printf("| %.1f - %.1f | %d | %.2f | %s |%n", lo, Math.min(hi, 1.0), bin.size(),
                    bin.stream().mapToDouble(Answer::confidence).average().orElse(0), pct(right(bin), bin.size()));
        }
    }

    /** The first cause's Brier score: its confidence against 1 when it was right, 0 when not. */
    private static double brier(List<Answer> answers) {
        return answers.stream().mapToDouble(a -> Math.pow(a.confidence() - (a.right() ? 1 : 0), 2)).average().orElse(0);
    }

    private static int right(List<Answer> answers) {
        return (int) answers.stream().filter(Answer::right).count();
    }

    private static String pct(int n, int of) {
        return of == 0 ? "-" : Math.round(100.0 * n / of) + "%";
    }
}
