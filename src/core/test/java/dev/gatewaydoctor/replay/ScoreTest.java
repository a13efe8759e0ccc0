package dev.gatewaydoctor.replay;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreTest {

    private static Score.Case scored(boolean hard, boolean right, double confidence, int fixRank) {
        return new Score.Case("f.json", null, false, hard, true, right, right, fixRank == 1, fixRank, 27, confidence,
                right ? "a" : "b", "a", null);
    }

    @Test
    void theValidationSliceIsAThirdOfUrlsAndFixedByTheUrlAlone() {
        long validation = IntStream.range(0, 3000).filter(i -> Score.validation("https://github.com/o/r/issues/" + i)).count();
        assertThat(validation).isBetween(900L, 1100L);
        assertThat(Score.validation("https://github.com/o/r/issues/42")).isEqualTo(Score.validation(" https://github.com/o/r/issues/42 "));
    }

    @Test
    void figuresCountRightAnswersFixRanksConfidentWrongOnesAndTheBrierScore() {
        var cases = List.of(
                scored(true, true, 0.95, 1),
                scored(false, false, 0.85, 3),
                scored(false, false, 0.3, 27),
                scored(true, true, 0.6, 2),
                new Score.Case("unscored.json", null, false, false, false, false, false, false, 27, 27, 0, null, null, "bad JSON"));
        Score.Figures f = Score.figures(cases);
        assertThat(f.cases()).isEqualTo(4);
        assertThat(f.causeAt1()).isEqualTo(0.5);
        assertThat(f.fixAt1()).isEqualTo(0.25);
        assertThat(f.meanFixRank()).isEqualTo((1 + 3 + 27 + 2) / 4.0);
        assertThat(f.confidentWrong()).isEqualTo(0.25);
        assertThat(f.brier()).isCloseTo((0.0025 + 0.7225 + 0.09 + 0.16) / 4, within(1e-9));
        Score.Bin high = f.reliability().get(f.reliability().size() - 1);
        assertThat(high.count()).isEqualTo(1);
        assertThat(high.right()).isEqualTo(1);
        Score.Bin eight = f.reliability().get(f.reliability().size() - 2);
        assertThat(eight.count()).isEqualTo(1);
        assertThat(eight.accuracy()).isZero();
    }

    // Wilson's interval: 4 right of 7 answers is anything from about 25% to 84%; 45 of 100, 36% to 55%.
    @org.junit.jupiter.api.Test
    void aBinsAccuracyRangeWidensAsItsAnswersFew() {
        double[] few = new Score.Bin(0.6, 0.8, 7, 0.75, 4).accuracyRange();
        org.assertj.core.api.Assertions.assertThat(few[0]).isCloseTo(0.250, org.assertj.core.api.Assertions.within(0.005));
        org.assertj.core.api.Assertions.assertThat(few[1]).isCloseTo(0.842, org.assertj.core.api.Assertions.within(0.005));
        double[] many = new Score.Bin(0.0, 0.2, 100, 0.15, 45).accuracyRange();
        org.assertj.core.api.Assertions.assertThat(many[0]).isCloseTo(0.356, org.assertj.core.api.Assertions.within(0.005));
        org.assertj.core.api.Assertions.assertThat(many[1]).isCloseTo(0.548, org.assertj.core.api.Assertions.within(0.005));
        org.assertj.core.api.Assertions.assertThat(new Score.Bin(0.9, 1.0, 5, 0.95, 5).accuracyRange()[1]).isEqualTo(1.0);
    }
}
