package io.peerlab.core.run;

import io.peerlab.core.api.RunSetup;

/**
 * A host for the peers of a run: {@code sim}, {@code local} or {@code cluster}. The caller opens it
 * once, runs each topology of a scenario on it, and closes it (try-with-resources).
 */
public interface PeerRuntime extends AutoCloseable {

  /** The runtime's name in scenario files and results. */
  String name();

  /**
   * Gets ready for the first {@link #run}, so that the first run's wall time does not include
   * getting ready (the cluster runtime joins its cluster here). Nothing by default.
   */
  default void open() {}

  /**
   * True if runs take real time, so that the scenario's wall-clock deadline bounds each of them;
   * false (the default) for a host in virtual time, whose runs keep their own deadline.
   */
  default boolean realTime() {
    return false;
  }

  /** Run one topology to the end (or to its deadline) and return what the peers counted. */
  RunOutcome run(RunSetup setup, RunControl control);

  /** Releases what {@link #open} or the runs took (the cluster runtime leaves its cluster). */
  @Override
  default void close() {}
}
