package io.peerlab.runtime;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.workload.Op;

/**
 * How a {@link PeerActor} reaches the rest of the run: other peers (through the network model),
 * its own timers, the run's coordinator and the progress display. The local runtime implements it
 * over one ActorSystem and a {@link DeliveryScheduler}; the cluster runtime over several JVMs.
 * Called from actor threads: implementations are thread-safe.
 */
public interface Fabric {

  /** Run time now, in nanoseconds since the run's origin. */
  long now();

  /** Carry {@code message} from peer {@code from} to peer {@code to}. */
  void send(int from, int to, Message message);

  /** Fire timer {@code handle} at peer {@code peer} after {@code delayNanos}. */
  void timer(int peer, long delayNanos, long handle);

  /**
   * Timer {@code handle} of peer {@code peer} is no longer wanted. A hint: the node ignores timers
   * it has cancelled, so a fabric may still fire it.
   */
  default void cancelTimer(int peer, long handle) {}

  /** Peer {@code peer} finished {@code phase}. */
  void phaseDone(int peer, Phase phase);

  /** One of {@code peer}'s ops starts. */
  default void opStarted(int peer, Op op, boolean measured) {}

  /** One of {@code peer}'s ops ended. */
  void opEnded(int peer, boolean ok, boolean measured);

  /** Peer logic threw; the peer carries on, and the run reports the error. */
  void failure(int peer, Throwable error);
}
