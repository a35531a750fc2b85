package io.peerlab.core.run;

import io.peerlab.core.api.Message;

/**
 * Sees every delivered message with its delivery time (virtual in sim, real elsewhere): traces,
 * reports and teaching views watch the system through it without touching the protocols. Off by
 * default; a host checks for null once per delivery and does nothing else when it is off.
 * Implementations must be thread-safe on multi-threaded hosts.
 */
@FunctionalInterface
public interface MessageObserver {
  void delivered(long timeNanos, int from, int to, Message message);
}
