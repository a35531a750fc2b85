package io.peerlab.core.peer;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.workload.Op;

/**
 * Everything a {@link PeerNode} needs from the host that runs it. The sim host implements it over a
 * virtual-time event queue, the local host over a Pekko actor and a delivery thread, the cluster
 * host over actors on several JVMs. Calls come only from the thread currently running the node.
 */
public interface Port {

  /** Nanoseconds since the run started: virtual in the sim host, monotonic real time elsewhere. */
  long now();

  /** Send a message; the host delivers it at the time the network model gives, or loses it. */
  void send(int to, Message message);

  /**
   * Ask for {@link PeerNode#fire(long)} with {@code handle} after {@code delayNanos}. The node
   * ignores handles it has cancelled, so a host may implement {@link #cancelTimer} lazily.
   */
  void startTimer(long delayNanos, long handle);

  /** A hint that {@code handle} is no longer wanted. */
  void cancelTimer(long handle);

  /** One op of this peer's script starts; hosts hand it to {@link
   * io.peerlab.core.run.ProgressListener#opStarted} (traces, tests of op order). */
  default void started(Op op, boolean measured) {}

  /** One op of this peer's script ended; hosts use it for progress and observers. */
  void complete(long opToken, boolean ok, boolean measured);

  /** This peer has finished {@code phase}. */
  void phaseDone(Phase phase);
}
