package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.net.Wire;

/**
 * The maintenance protocol of a {@link RandomGraph}: joining by edge splitting, and the
 * connectivity beacon. Maintenance traffic, so {@link #op()} is {@link OpToken#NONE}. A split is
 * named by a 64-bit id the joiner chooses (its address and a counter).
 */
public sealed interface GraphMessage extends Message {

  /** Split ids, join steps and beacon rounds: a 64-bit id. */
  int ID = 8;

  @Override
  default long op() {
    return OpToken.NONE;
  }

  /**
   * A joiner's random walk looking for an edge to split: forwarded to a uniformly random neighbour
   * while {@code steps > 0}; where it ends, that peer splits one of its edges for {@code joiner}.
   * {@code extra} counts the steps added because no edge there could be split.
   */
  record Walk(long split, int joiner, int steps, int extra) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID + Wire.ADDRESS + 2 * Wire.INT;
    }
  }

  /** To the joiner: its walk found no edge to split within its step limit; walk again. */
  record WalkFailed(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** "Replace me with {@code joiner} in your neighbours, as I replace you": the edge split. */
  record Split(long split, int joiner) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID + Wire.ADDRESS;
    }
  }

  /** The far end agreed: it now links to the joiner instead of the sender. */
  record SplitAccepted(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** The far end refused (the edge is gone, locked, or it already links to the joiner). */
  record SplitRefused(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** To the joiner: the sender is now its neighbour. */
  record Link(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /**
   * From a joiner that already has its links, to a link of a walk it had given up on: undo the
   * split (both ends link to each other again).
   */
  record LinkDeclined(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  record LinkAck(long split) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /**
   * The connectivity check: the first bootstrap peer floods one beacon after joining; a member that
   * has not heard it within the join timeout is cut off and rejoins.
   */
  record Beacon(long round) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** Upkeep under churn: "are you still my neighbour?", every ping interval. */
  record Ping(long round) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** The answer to a {@link Ping} from a neighbour, with the answerer's neighbours. */
  record Pong(int[] neighbours) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.addresses(neighbours.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pong p && java.util.Arrays.equals(neighbours, p.neighbours);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(neighbours);
    }

    @Override
    public String toString() {
      return "Pong" + java.util.Arrays.toString(neighbours);
    }
  }

  /** From a member that lost links: "link to me if you are short of neighbours too". */
  record LinkAsk(long round) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID;
    }
  }

  /** The answer to a {@link LinkAsk}: linked (the sender added the asker) or not. */
  record LinkAnswer(long round, boolean linked) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + ID + 1;
    }
  }

  /** A member leaves gracefully: drop the link now; {@code neighbours} are its other neighbours. */
  record Bye(int[] neighbours) implements GraphMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.addresses(neighbours.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bye b && java.util.Arrays.equals(neighbours, b.neighbours);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(neighbours);
    }

    @Override
    public String toString() {
      return "Bye" + java.util.Arrays.toString(neighbours);
    }
  }
}
