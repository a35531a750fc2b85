package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.Message;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.Arrays;
import java.util.List;

/**
 * Kademlia's four RPCs (Maymounkov and Mazières 2002, §2.3): PING, STORE, FIND_NODE and
 * FIND_VALUE, each a request with a request id and an answer to it. Every message, request or
 * answer, tells the receiver that its sender is alive, and the receiver updates its bucket.
 *
 * <p>Contacts are named by address; on the wire a contact is address plus key ({@link
 * Wire#CONTACT}) and sizes count it so. A receiving peer reads the key from the directory, the same
 * key the message would carry.
 */
public sealed interface KademliaMessage extends Message {

  long req();

  static int contacts(int n) {
    return 2 + n * Wire.CONTACT;
  }

  /** What a FIND_VALUE looks for. */
  enum Want {
    /** The object record at an object id. */
    OBJECT,
    /** The posting list at a keyword's key. */
    POSTINGS
  }

  /** FIND_NODE: the k contacts the receiver knows closest to {@code target}. */
  record FindNode(long op, long req, Key target) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + Wire.KEY;
    }
  }

  /**
   * The answer to FIND_NODE, or to a FIND_VALUE for a value the receiver does not store. {@code
   * holds}: the receiver stores an object record at the FIND_NODE's target (a lookup op succeeds
   * only when a live peer says so). It travels in the spare high bit of the 2-byte contact count,
   * so it costs no byte.
   */
  record Nodes(long op, long req, int[] contacts, boolean holds) implements KademliaMessage {
    public Nodes(long op, long req, int[] contacts) {
      this(op, req, contacts, false);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + KademliaMessage.contacts(contacts.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Nodes n && op == n.op && req == n.req && holds == n.holds
          && Arrays.equals(contacts, n.contacts);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(contacts);
    }

    @Override
    public String toString() {
      return "Nodes[req=" + req + ", contacts=" + Arrays.toString(contacts)
          + (holds ? ", holds" : "") + "]";
    }
  }

  /** FIND_VALUE: the value stored at {@code target}, or else the k closest contacts. */
  record FindValue(long op, long req, Key target, Want want) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + Wire.KEY + 1;
    }
  }

  /** The object record found by a FIND_VALUE. */
  record ObjectValue(long op, long req, Manifest manifest, int[] holders)
      implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + manifest.wireSize() + Wire.addresses(holders.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectValue v && op == v.op && req == v.req && manifest.equals(v.manifest)
          && Arrays.equals(holders, v.holders);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(req) * 31 + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "ObjectValue[req=" + req + ", " + manifest.name() + ", holders="
          + Arrays.toString(holders) + "]";
    }
  }

  /** The posting list found by a FIND_VALUE. */
  record PostingsValue(long op, long req, List<Key> objects) implements KademliaMessage {
    public PostingsValue {
      objects = List.copyOf(objects);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + Wire.keys(objects.size());
    }
  }

  /** STORE an object record: {@code holder} holds {@code manifest}'s object. */
  record StoreObject(long op, long req, Manifest manifest, int holder) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + manifest.wireSize() + Wire.ADDRESS;
    }
  }

  /** STORE a posting entry: add ({@code object}, {@code holder}) to the list at {@code key}. */
  record StorePosting(long op, long req, Key key, Key object, int holder)
      implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT + 2 * Wire.KEY + Wire.ADDRESS;
    }
  }

  record Stored(long op, long req) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT;
    }
  }

  /**
   * A message signed by its sender, as S/Kademlia's peers sign theirs ({@code kademlia.ids =
   * costly}): the receiver checks the signature against the sender's public key, whose hash is
   * the sender's id. peerlab does not compute signatures; it counts their bytes, {@link
   * #SIGNATURE_BYTES} on top of the message.
   */
  record Signed(KademliaMessage message) implements KademliaMessage {
    /**
     * What signing adds to a message: the sender's public key (32 bytes), a signature over the
     * message (64 bytes) and a nonce or timestamp against replays (8 bytes), sized for Ed25519;
     * the paper does not fix the algorithm.
     */
    public static final int SIGNATURE_BYTES = 32 + 64 + 8;

    @Override
    public long op() {
      return message.op();
    }

    @Override
    public long req() {
      return message.req();
    }

    @Override
    public int wireSize() {
      return message.wireSize() + SIGNATURE_BYTES;
    }
  }

  record Ping(long op, long req) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT;
    }
  }

  record Pong(long op, long req) implements KademliaMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + Wire.INT;
    }
  }
}
