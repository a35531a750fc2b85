package gadget;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class outside every allow-list of peerlab's serialization (not bound to a serializer, not
 * under {@code io.peerlab.}, not a {@code Message}): what a hostile frame would name. It counts
 * every way it could come into being, by constructor or by Java deserialization.
 */
public final class Gadget implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many Gadgets were made in this JVM. */
  public static final AtomicInteger MADE = new AtomicInteger();

  public int x;

  public Gadget() {
    MADE.incrementAndGet();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    MADE.incrementAndGet();
    in.defaultReadObject();
  }
}
