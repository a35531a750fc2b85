package io.peerlab.core.churn;

import java.util.List;

/**
 * How non-server peers come and go during the measured phase (scenario keys {@code
 * peerlab.churn.*}; defaults and meanings in reference.conf, explained in docs/churn.md). Durations
 * in nanoseconds.
 *
 * <p>The model is OverSim's LifetimeChurn: each non-server peer alternates sessions (online) and
 * dead times (offline) drawn from one family; every peer is online when churn starts and its first
 * session is a residual lifetime, as if the pool had been running for a long time, so the run
 * starts in steady state.
 *
 * @param model the family of session and dead-time lengths, or a trace, or none
 * @param lifetimeMeanNanos mean session length
 * @param lifetimeShape Weibull k, or Pareto alpha (greater than 1, so the mean exists); unused by the
 *     exponential model
 * @param deadTimeMeanNanos mean time offline before the same peer rejoins (same family and shape)
 * @param gracefulLeave probability that a departure is a graceful leave (the overlay hands over
 *     what it holds) rather than a crash
 * @param trace the events of {@code model = trace}: when each peer goes down or comes up
 * @param startNanos when churn begins, after the measured phase begins
 */
public record ChurnSettings(
    Model model,
    long lifetimeMeanNanos,
    double lifetimeShape,
    long deadTimeMeanNanos,
    double gracefulLeave,
    List<TraceEntry> trace,
    long startNanos) {

  /** The family session and dead-time lengths are drawn from. */
  public enum Model {
    NONE,
    EXPONENTIAL,
    WEIBULL,
    PARETO,
    TRACE;

    /** The scenario word: lower case. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One line of a churn trace: at {@code atNanos} after churn starts, {@code peer} goes up (comes
   * back) or down.
   */
  public record TraceEntry(long atNanos, int peer, boolean up) {}

  private static final ChurnSettings NONE =
      new ChurnSettings(Model.NONE, 3_600_000_000_000L, 0.5, 3_600_000_000_000L, 0.5, List.of(), 0);

  public ChurnSettings {
    trace = List.copyOf(trace);
    if (model != Model.NONE && model != Model.TRACE) {
      if (lifetimeMeanNanos <= 0 || deadTimeMeanNanos <= 0) {
        throw new IllegalArgumentException("churn lifetime and dead-time means must be positive");
      }
    }
    if (model == Model.WEIBULL && !(lifetimeShape > 0)) {
      throw new IllegalArgumentException("churn.lifetime-shape must be > 0 for weibull");
    }
    if (model == Model.PARETO && !(lifetimeShape > 1)) {
      throw new IllegalArgumentException(
          "churn.lifetime-shape must be > 1 for pareto (alpha <= 1 has no mean)");
    }
    if (!(gracefulLeave >= 0 && gracefulLeave <= 1)) {
      throw new IllegalArgumentException("churn.graceful-leave must be in [0, 1]");
    }
    if (startNanos < 0) {
      throw new IllegalArgumentException("churn.start must be >= 0");
    }
  }

  /** No churn. */
  public static ChurnSettings none() {
    return NONE;
  }

  public boolean enabled() {
    return model != Model.NONE;
  }
}
