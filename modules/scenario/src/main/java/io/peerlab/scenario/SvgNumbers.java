package io.peerlab.scenario;

import java.util.function.DoubleFunction;
import org.jfree.svg.SVGGraphics2D;

/**
 * How peerlab's SVG charts write their numbers: at most two decimals for coordinates and six for
 * transforms, no trailing zeros, no exponent (what JFreeSVG 3 wrote with {@code DecimalFormat}).
 * JFreeSVG 5 writes every double in full by default (a report a third larger); a {@code
 * DecimalFormat} per number was a tenth of a small run's report (bench/README.md, "Performance at
 * scale"). This is plain long arithmetic.
 */
public final class SvgNumbers {
  private SvgNumbers() {}

  private static final long[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /** Coordinates: hundredths of a pixel. */
  public static final DoubleFunction<String> GEOMETRY = d -> decimal(d, 2);
  /** Transform matrices (rotations hold sines and cosines). */
  public static final DoubleFunction<String> TRANSFORM = d -> decimal(d, 6);

  /** {@code g} set to write its numbers as above. */
  public static SVGGraphics2D configure(SVGGraphics2D g) {
    g.setGeomDoubleConverter(GEOMETRY);
    g.setTransformDoubleConverter(TRANSFORM);
    return g;
  }

  /**
   * {@code d} rounded to at most {@code places} (0 to 6) decimals, half away from zero, without
   * trailing zeros or a decimal point when none is left ("12", "-0.5", "3.25"). A value that is not
   * finite or too large for that arithmetic (|d| of 10^12 or more) is written by {@link
   * Double#toString}.
   */
  public static String decimal(double d, int places) {
    if (places < 0 || places >= SCALE.length) {
      throw new IllegalArgumentException("places must be 0 to " + (SCALE.length - 1) + ": " + places);
    }
    if (!Double.isFinite(d) || Math.abs(d) >= 1e12) {
      return Double.toString(d);
    }
    long scale = SCALE[places];
    long v = Math.round(Math.abs(d) * scale);
    if (v == 0) {
      return "0";
    }
    StringBuilder sb = new StringBuilder(16);
    if (d < 0) {
      sb.append('-');
    }
    sb.append(v / scale);
    long fraction = v % scale;
    if (fraction != 0) {
      sb.append('.');
      for (long p = scale / 10; p > fraction; p /= 10) {
        sb.append('0');
      }
      while (fraction % 10 == 0) {
        fraction /= 10;
      }
      sb.append(fraction);
    }
    return sb.toString();
  }
}
