package io.peerlab.runtime;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in console lines and notes: {@code 850 ms}, {@code 39.9 s}, {@code 300 s}. */
public final class Durations {
  private Durations() {}

  public static String human(Duration d) {
    return human(d.toNanos());
  }

  public static String human(long nanos) {
    double ms = nanos / 1e6;
    if (Math.abs(ms) < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    double s = ms / 1000;
    return Math.abs(s) < 100 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
  }
}
