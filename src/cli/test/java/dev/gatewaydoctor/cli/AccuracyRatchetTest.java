package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.TestRules;
import dev.gatewaydoctor.replay.Replay;
import dev.gatewaydoctor.replay.Score;
import dev.gatewaydoctor.replay.WeightCheck;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real-incident corpus is scored, not asserted case by case: this test fails when a figure falls
 * below the one recorded in docs/accuracy.md (a ratchet). A better score is recorded by pasting the
 * table that {@code replay --score facts-samples/real} prints into the document.
 */
class AccuracyRatchetTest {

    static final Path CORPUS = Path.of("facts-samples", "real");
    static final Path DOC = Path.of("docs", "accuracy.md");
    /** The table after this mark is the ratchet; the tables before it are history. */
    static final String MARK = "<!-- ratchet -->";
    /** Columns where higher is better; the others (fix rank, seed rank, wrong>=0.8, Brier) are better lower. */
    private static final List<Integer> HIGHER = List.of(2, 3, 4);

    @Test
    void noFigureFallsBelowTheOneRecorded() throws Exception {
        var cases = new ArrayList<Score.Case>();
        var tuning = new ArrayList<Replay.Result>();
        for (Path p : Replay.samples(List.of(CORPUS))) {
            Replay.Result r = Replay.replay(TestRules.diagnoser(), p);
            Score.Case c = Score.of(r, TestRules.knowledge());
            cases.add(c);
            if (!c.validation()) tuning.add(r);
        }
        assertThat(cases).as("the real corpus").hasSizeGreaterThanOrEqualTo(150);
        assertThat(cases).as("every real incident is readable and labelled").allMatch(Score.Case::scored);
        Map<String, String[]> now = rows(ScoreReport.markdown(cases));
        String doc = Files.readString(DOC);
        assertThat(doc).as("%s marks its ratchet table", DOC).contains(MARK);
        Map<String, String[]> recorded = rows(doc.substring(doc.indexOf(MARK)));
        assertThat(recorded.keySet()).as("the slices recorded in %s", DOC).containsAll(now.keySet());
        var worse = new ArrayList<String>();
        String[] header = ScoreReport.markdown(List.of()).lines().findFirst().orElseThrow().split("\\|");
        now.forEach((slice, cells) -> {
            String[] was = recorded.get(slice);
            if (!cells[1].equals(was[1])) worse.add(slice + ": " + cells[1] + " cases, recorded " + was[1] + " (re-record the table)");
            for (int i = 2; i < cells.length; i++) {
                double a = number(cells[i]), b = number(was[i]);
                boolean regressed = HIGHER.contains(i) ? a < b : a > b;
                if (regressed) worse.add(slice + ": " + header[i + 1].strip() + " is " + cells[i] + ", recorded " + was[i]);
            }
        });
        assertThat(worse).as("figures worse than docs/accuracy.md records").isEmpty();

        // A weight the tuning slice contradicts by more than a factor of three is changed, or what the corpus
        // shows is written beside the rule (docs/confidence.md, "Weights checked against real incidents").
        var unexplained = WeightCheck.disagreements(WeightCheck.check(tuning)).stream()
                .filter(r -> !WeightCheck.explained(r, TestRules.knowledge().texts()))
                .map(r -> r.file() + ": \"" + r.rule() + "\" weighs " + r.weight() + ", the tuning slice " + Math.round(r.corpusWeight() * 10) / 10.0)
                .toList();
        assertThat(unexplained).as("flagged weights with no corpus note beside their rule").isEmpty();
    }

    private static Map<String, String[]> rows(String markdown) {
        var out = new HashMap<String, String[]>();
        for (String line : markdown.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 10) continue;
            String slice = cells[1].strip();
            if (!ScoreReport.SLICES.contains(slice)) continue;
            var trimmed = new String[9];
            for (int i = 0; i < 9; i++) trimmed[i] = cells[i + 1].strip();
            out.putIfAbsent(slice, trimmed);
        }
        return out;
    }

    private static double number(String cell) {
        return cell.equals("-") ? Double.NaN : Double.parseDouble(cell.replace("%", ""));
    }
}
