package io.peerlab.runtime.cluster;

import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.SerializationExtension;

/** Sizes of messages as Pekko serialises them for Artery (the payload of a frame, no envelope). */
final class Frames {
  private Frames() {}

  /** Bytes {@code message} serialises to with the serializer it is bound to. */
  static int bytes(ActorSystem<?> system, Object message) {
    return SerializationExtension.get(system.classicSystem()).serialize(message).get().length;
  }

  /**
   * The pad length {@code n} for which {@code sample.apply(n)} serialises to {@code target} bytes,
   * or the largest for which it stays under (0 if even an empty pad is bigger).
   */
  static int padFor(ActorSystem<?> system, int target, IntFunction<Object> sample) {
    int base = bytes(system, sample.apply(0));
    int n = Math.max(0, target - base);
    while (n > 0 && bytes(system, sample.apply(n)) > target) {
      n--;
    }
    return n;
  }
}
