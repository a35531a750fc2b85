package io.peerlab.core.overlay.chord;

import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.Arrays;
import java.util.List;

/**
 * Chord's messages (Stoica et al., SIGCOMM 2001). Requests are routed recursively: each peer
 * forwards a {@link Routed} message to its closest preceding finger, the key's predecessor
 * forwards it to its successor marked final, and the successor (the responsible peer) answers the
 * origin directly. Stabilisation (Fig. 6) uses {@link GetPredecessor}/{@link PredecessorIs},
 * {@link Notify} and {@link Ping}/{@link Pong}.
 *
 * <p>Peers are named by address; a contact on the wire is address plus key ({@link Wire#CONTACT})
 * and sizes count it so. A receiving peer reads a contact's key from the directory, which is the
 * same key the message would carry.
 */
public sealed interface ChordMessage extends Message {

  /** No peer (an empty predecessor, a request that was never marked final). */
  int NONE = -1;

  /** Bytes of {@code n} contacts with a 2-byte count. */
  static int contacts(int n) {
    return 2 + n * Wire.CONTACT;
  }

  /**
   * A request on its way to the successor of {@link #key()}.
   *
   * <p>{@code finalFrom} is {@link #NONE} while the request is routed; the key's (believed)
   * predecessor sets it to its own address when it hands the request to its successor. {@code
   * hops} counts the messages the request has travelled so far.
   */
  sealed interface Routed extends ChordMessage {
    Key key();

    int origin();

    long req();

    int hops();

    int finalFrom();

    /**
     * True on a request its origin sends again after a timeout: every peer that forwards it waits
     * for a {@link HopAck} from the next hop and, when none comes, drops that hop from its tables
     * and forwards to the next best (routing around failed fingers and successors). A bit of the
     * hop counter on the wire.
     */
    boolean careful();

    /** This request one hop further; {@code finalFrom} as given. */
    Routed next(int finalFrom);

    /** This request, marked {@link #careful()}. */
    Routed carefully();

    /** Bytes of the routing header: key, origin contact, request id, hops, final marker. */
    static int header() {
      return Wire.HEADER + Wire.KEY + Wire.CONTACT + Wire.INT + Wire.INT + Wire.ADDRESS;
    }
  }

  /** What a {@link FindSuccessor} asks the responsible peer for. */
  enum Want {
    /** Its address and successor list (a fix_fingers step). */
    SUCCESSORS,
    /**
     * A lookup op: its address and successor list if it holds the key's entry (an object record or
     * a posting list), else no peer at all, so that a lookup whose entry is gone fails honestly.
     */
    LOOKUP,
    /** Its successor list and fingers, for a joining peer. */
    JOIN,
    /** The object record stored at the key (the locate step of a fetch). */
    OBJECT,
    /** The posting list stored at the key (one keyword of a search). */
    POSTINGS
  }

  record FindSuccessor(
      long op, Key key, int origin, long req, int hops, int finalFrom, Want want, boolean careful)
      implements Routed {
    public FindSuccessor(
        long op, Key key, int origin, long req, int hops, int finalFrom, Want want) {
      this(op, key, origin, req, hops, finalFrom, want, false);
    }

    @Override
    public FindSuccessor next(int fin) {
      return new FindSuccessor(op, key, origin, req, hops + 1, fin, want, careful);
    }

    @Override
    public FindSuccessor carefully() {
      return new FindSuccessor(op, key, origin, req, hops, finalFrom, want, true);
    }

    @Override
    public int wireSize() {
      return Routed.header() + 1;
    }
  }

  /** Store the record "{@code holder} holds {@code manifest}'s object" at the object's id. */
  record PutObject(
      long op, Key key, int origin, long req, int hops, int finalFrom, Manifest manifest,
      int holder, boolean careful)
      implements Routed {
    public PutObject(
        long op, Key key, int origin, long req, int hops, int finalFrom, Manifest manifest,
        int holder) {
      this(op, key, origin, req, hops, finalFrom, manifest, holder, false);
    }

    @Override
    public PutObject next(int fin) {
      return new PutObject(op, key, origin, req, hops + 1, fin, manifest, holder, careful);
    }

    @Override
    public PutObject carefully() {
      return new PutObject(op, key, origin, req, hops, finalFrom, manifest, holder, true);
    }

    @Override
    public int wireSize() {
      return Routed.header() + manifest.wireSize() + Wire.ADDRESS;
    }
  }

  /** Add ({@code object}, {@code holder}) to the posting list at {@code key} (a keyword's key). */
  record PutPosting(
      long op, Key key, int origin, long req, int hops, int finalFrom, Key object, int holder,
      boolean careful)
      implements Routed {
    public PutPosting(
        long op, Key key, int origin, long req, int hops, int finalFrom, Key object, int holder) {
      this(op, key, origin, req, hops, finalFrom, object, holder, false);
    }

    @Override
    public PutPosting next(int fin) {
      return new PutPosting(op, key, origin, req, hops + 1, fin, object, holder, careful);
    }

    @Override
    public PutPosting carefully() {
      return new PutPosting(op, key, origin, req, hops, finalFrom, object, holder, true);
    }

    @Override
    public int wireSize() {
      return Routed.header() + Wire.KEY + Wire.ADDRESS;
    }
  }

  // ---- answers, from the responsible peer straight to the origin ----

  /** The responsible peer followed by its successors. */
  record Successors(long op, long req, int hops, int[] nodes) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.INT + contacts(nodes.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Successors s && op == s.op && req == s.req && hops == s.hops
          && Arrays.equals(nodes, s.nodes);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(nodes);
    }

    @Override
    public String toString() {
      return "Successors[op=" + OpToken.format(op) + ", req=" + req + ", hops=" + hops + ", nodes="
          + Arrays.toString(nodes) + "]";
    }
  }

  /** For a joining peer: its successor and that peer's successors, and that peer's fingers. */
  record JoinAnswer(long op, long req, int hops, int[] successors, int[] fingers)
      implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.INT + contacts(successors.length) + contacts(fingers.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof JoinAnswer j && op == j.op && req == j.req && hops == j.hops
          && Arrays.equals(successors, j.successors) && Arrays.equals(fingers, j.fingers);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(successors);
    }

    @Override
    public String toString() {
      return "JoinAnswer[req=" + req + ", hops=" + hops + ", successors="
          + Arrays.toString(successors) + ", fingers=" + Arrays.toString(fingers) + "]";
    }
  }

  /** The object record at a key: its manifest (null when none is stored) and its holders. */
  record ObjectAnswer(long op, long req, int hops, Manifest manifest, int[] holders)
      implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.INT + (manifest == null ? 1 : manifest.wireSize())
          + Wire.addresses(holders.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectAnswer a && op == a.op && req == a.req && hops == a.hops
          && java.util.Objects.equals(manifest, a.manifest) && Arrays.equals(holders, a.holders);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "ObjectAnswer[op=" + OpToken.format(op) + ", req=" + req + ", hops=" + hops
          + ", manifest=" + (manifest == null ? "none" : manifest.name()) + ", holders="
          + Arrays.toString(holders) + "]";
    }
  }

  /** The ids in the posting list at a keyword's key (empty when none is stored). */
  record PostingsAnswer(long op, long req, int hops, List<Key> objects) implements ChordMessage {
    public PostingsAnswer {
      objects = List.copyOf(objects);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.INT + Wire.keys(objects.size());
    }
  }

  /** A put has been stored on the responsible peer (and sent on to its replicas). */
  record Stored(long op, long req, int hops) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.INT;
    }
  }

  // ---- replication to the responsible peer's r-1 successors ----

  record ReplicateObject(long op, Manifest manifest, int[] holders) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + manifest.wireSize() + Wire.addresses(holders.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ReplicateObject r && op == r.op && manifest.equals(r.manifest)
          && Arrays.equals(holders, r.holders);
    }

    @Override
    public int hashCode() {
      return manifest.hashCode() * 31 + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "ReplicateObject[" + manifest.name() + ", holders=" + Arrays.toString(holders) + "]";
    }
  }

  record ReplicatePosting(long op, Key key, Key object, int holder) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + 2 * Wire.KEY + Wire.ADDRESS;
    }
  }

  // ---- iterative lookups that check progress (chord.check-progress) ----

  /** From a lookup op's origin to one hop: your next hop towards {@code key}, or your successors. */
  record NextHop(long op, long req, Key key) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + Wire.KEY;
    }
  }

  /**
   * The answer to {@link NextHop}: {@code last} (the key lies between the hop and its successor)
   * with the hop's successor list, or else the hop's closest preceding peer {@code next}.
   */
  record HopAnswer(long op, long req, boolean last, int next, int[] successors)
      implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + 1 + Wire.CONTACT + contacts(successors.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HopAnswer h && op == h.op && req == h.req && last == h.last
          && next == h.next && Arrays.equals(successors, h.successors);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(successors);
    }

    @Override
    public String toString() {
      return "HopAnswer[req=" + req + (last ? ", last, successors=" + Arrays.toString(successors)
          : ", next=" + next) + "]";
    }
  }

  // ---- repair ----

  /** A {@link Routed#careful()} request arrived: the next hop is alive. */
  record HopAck(long op, int origin, long req) implements ChordMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.ADDRESS + Wire.INT;
    }
  }

  /**
   * A graceful leave: to the successor, the leaver's predecessor ({@link #NONE} if nil); to the
   * predecessor, the leaver's successor list (the same links {@link PredecessorIs} carries). Sent
   * after the leaver's entries went to its successor.
   */
  record Leaving(PredecessorIs links) implements ChordMessage {
    public Leaving(int predecessor, int[] successors) {
      this(new PredecessorIs(predecessor, successors));
    }

    public int predecessor() {
      return links.predecessor();
    }

    public int[] successors() {
      return links.successors();
    }

    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return links.wireSize();
    }
  }

  // ---- stabilisation (Fig. 6) ----

  /** stabilize(): "x = successor.predecessor". */
  record GetPredecessor() implements ChordMessage {
    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }

  /** The answer to {@link GetPredecessor}: the predecessor ({@link #NONE} if nil) and successors. */
  record PredecessorIs(int predecessor, int[] successors) implements ChordMessage {
    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.CONTACT + contacts(successors.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PredecessorIs p && predecessor == p.predecessor
          && Arrays.equals(successors, p.successors);
    }

    @Override
    public int hashCode() {
      return predecessor * 31 + Arrays.hashCode(successors);
    }

    @Override
    public String toString() {
      return "PredecessorIs[" + predecessor + ", successors=" + Arrays.toString(successors) + "]";
    }
  }

  /** notify(n'): "n' thinks it might be our predecessor". */
  record Notify() implements ChordMessage {
    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.CONTACT;
    }
  }

  /** check_predecessor(): is the predecessor still there? */
  record Ping() implements ChordMessage {
    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }

  record Pong() implements ChordMessage {
    @Override
    public long op() {
      return OpToken.NONE;
    }

    @Override
    public int wireSize() {
      return Wire.HEADER;
    }
  }
}
