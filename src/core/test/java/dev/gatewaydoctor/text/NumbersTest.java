package dev.gatewaydoctor.text;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    @Test
    void twoDecimalsAreWhatFormatGives() {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            double v = i < 10_000 ? i / 10_000.0 : (random.nextDouble() - 0.2) * (i % 3 == 0 ? 1 : 1_000);
            assertThat(Numbers.twoDecimals(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        }
        for (double v : new double[]{0.145, 0.005, 0.995, -0.005, 1e-9, 0, -0.0, 123456789.125}) {
            assertThat(Numbers.twoDecimals(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        }
    }

    @Test
    void sizesReadAsPhpNginxAndKubernetesWriteThem() {
        assertThat(Numbers.parseSize("128M")).isEqualTo(128L << 20);
        assertThat(Numbers.parseSize("512k")).isEqualTo(512L << 10);
        assertThat(Numbers.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(Numbers.parseSize("4096")).isEqualTo(4096L);
        assertThat(Numbers.parseSize("512Mi")).isEqualTo(512L << 20);
        assertThat(Numbers.parseSize("2Gi")).isEqualTo(2L << 30);
        assertThat(Numbers.parseSize("64MB")).isEqualTo(64L << 20);
        // A binary mark needs a unit before it, and PHP's "no limit" is no size.
        assertThat(Numbers.parseSize("4096i")).isNull();
        assertThat(Numbers.parseSize("-1")).isNull();
        assertThat(Numbers.parseSize("lots")).isNull();
    }

    @Test
    void timeoutsReadInSecondsAsNginxApacheAndPhpWriteThem() {
        assertThat(Numbers.parseSeconds("60s")).isEqualTo(60.0);
        assertThat(Numbers.parseSeconds("5m")).isEqualTo(300.0);
        assertThat(Numbers.parseSeconds("1h")).isEqualTo(3600.0);
        assertThat(Numbers.parseSeconds("500ms")).isEqualTo(0.5);
        assertThat(Numbers.parseSeconds("300")).isEqualTo(300.0);
        assertThat(Numbers.parseSeconds(" 90 ")).isEqualTo(90.0);
        assertThat(Numbers.parseSeconds("60x")).isNull();
        assertThat(Numbers.parseSeconds("unix:/run/php/php8.2-fpm.sock")).isNull();
    }
}
