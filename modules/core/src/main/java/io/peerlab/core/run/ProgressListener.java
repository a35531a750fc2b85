package io.peerlab.core.run;

import io.peerlab.core.api.Phase;
import io.peerlab.core.workload.Op;

/**
 * Progress of a run, for progress bars. Hosts may call it from several threads; implementations
 * must be thread-safe and fast.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** A phase began on every peer; {@code ops} is the number of ops the phase will run. */
  default void phaseStarted(Phase phase, int ops) {}

  /** Peer {@code peer} starts {@code op} of its script. */
  default void opStarted(int peer, Op op, boolean measured) {}

  /** One op ended. */
  default void opEnded(boolean ok, boolean measured) {}
}
