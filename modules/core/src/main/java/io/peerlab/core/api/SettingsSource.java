package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A typed, read-only view of one part's scenario section ({@code peerlab.<name>}), given to {@link
 * Pluggable#readSettings}. Keys are relative to the section ({@code "fanout"} reads {@code
 * peerlab.<name>.fanout}); every key has a default in the part's own {@code reference.conf}. A
 * missing key, a value of the wrong type or out of range ends the scenario's loading with one line
 * that names the full key (exit code 2). The core never sees the configuration library behind it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SettingsSource {

  /** The full path of the section, e.g. {@code peerlab.one-hop}. */
  String section();

  /** A string (numbers and booleans are accepted as their text). */
  String string(String key);

  /** One of {@code allowed}. */
  String oneOf(String key, List<String> allowed);

  boolean bool(String key);

  /** A whole number of at least {@code min} that fits an {@code int}. */
  int intAtLeast(String key, int min);

  /** A number in a range, each end inclusive or not. */
  double numberIn(String key, double min, boolean minInclusive, double max, boolean maxInclusive);

  /** A duration ("10ms", "5s", a bare number of milliseconds) in nanoseconds; > 0 unless zero is allowed. */
  long durationNanos(String key, boolean allowZero);

  /** A size ("64KiB", "1MiB", a bare number of bytes), > 0. */
  long bytes(String key);

  /** A list of names. */
  List<String> strings(String key);

  /**
   * The error for a rule the typed reads above do not cover ("must be even"): throw it, and the
   * scenario fails with one line naming {@code section().key}.
   */
  RuntimeException invalid(String key, String problem);
}
