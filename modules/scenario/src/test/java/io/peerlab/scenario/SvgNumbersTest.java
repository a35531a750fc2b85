package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SvgNumbersTest {

  @Test
  void writesAtMostThePlacesAsked_withoutTrailingZerosOrExponent() {
    assertThat(SvgNumbers.decimal(0, 2)).isEqualTo("0");
    assertThat(SvgNumbers.decimal(-0.0, 2)).isEqualTo("0");
    assertThat(SvgNumbers.decimal(0.004, 2)).isEqualTo("0");
    assertThat(SvgNumbers.decimal(-0.004, 2)).isEqualTo("0");
    assertThat(SvgNumbers.decimal(12, 2)).isEqualTo("12");
    assertThat(SvgNumbers.decimal(177.5, 2)).isEqualTo("177.5");
    assertThat(SvgNumbers.decimal(-140.5, 2)).isEqualTo("-140.5");
    assertThat(SvgNumbers.decimal(0.05, 2)).isEqualTo("0.05");
    assertThat(SvgNumbers.decimal(194.1369171142578, 2)).isEqualTo("194.14");
    assertThat(SvgNumbers.decimal(1.999, 2)).isEqualTo("2");
    assertThat(SvgNumbers.decimal(-1.999, 2)).isEqualTo("-2");
    assertThat(SvgNumbers.decimal(6.123233995736766E-17, 6)).isEqualTo("0");
    assertThat(SvgNumbers.decimal(0.00007, 6)).isEqualTo("0.00007");
    assertThat(SvgNumbers.decimal(0.7071067811865476, 6)).isEqualTo("0.707107");
    assertThat(SvgNumbers.decimal(3, 0)).isEqualTo("3");
    assertThat(SvgNumbers.decimal(Double.NaN, 2)).isEqualTo("NaN");
    assertThat(SvgNumbers.decimal(1e13, 2)).isEqualTo("1.0E13");
    assertThatThrownBy(() -> SvgNumbers.decimal(1, 7)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Against BigDecimal's exact rounding of the same double: equal, up to a tie decided by float error. */
  @Test
  void agreesWithBigDecimalRounding_onRandomValues() {
    SplittableRandom r = new SplittableRandom(42);
    int ties = 0;
    for (int i = 0; i < 200_000; i++) {
      double d = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 9));
      int places = r.nextInt(0, 7);
      String expected = new BigDecimal(d).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
      if (expected.matches("-?0(\\.0*)?")) {
        expected = "0";
      }
      String got = SvgNumbers.decimal(d, places);
      if (!got.equals(expected)) {
        // d * 10^places landed on the other side of a .5 by the multiplication's rounding error
        double scaled = Math.abs(d) * Math.pow(10, places);
        assertThat(Math.abs(scaled - Math.floor(scaled) - 0.5)).as("%s at %d places: %s", d, places, got).isLessThan(1e-6);
        ties++;
      }
    }
    assertThat(ties).isLessThan(20);
  }
}
