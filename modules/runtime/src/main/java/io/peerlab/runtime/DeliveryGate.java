package io.peerlab.runtime;

import io.peerlab.core.api.Message;

/**
 * A hold on a {@link LiveSystem}'s deliveries, for interactive use (peerlab demo): pause, and step
 * through the messages one at a time. Off by default ({@code null}); when set, every message due at
 * a peer goes through {@link #offer}. Timers are not held.
 *
 * <p>Called on the delivery thread: implementations must not block. A paused gate keeps the
 * {@code deliver} action and runs it later from any thread.
 */
public interface DeliveryGate {

  /**
   * {@code message} from {@code from} is due at {@code to}: run {@code deliver} now or later
   * (paused). {@code deliver} hands the message to the observer and the peer.
   */
  void offer(int to, int from, Message message, Runnable deliver);
}
