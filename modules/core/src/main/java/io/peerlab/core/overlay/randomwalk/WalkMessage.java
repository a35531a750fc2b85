package io.peerlab.core.overlay.randomwalk;

import io.peerlab.core.api.Message;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import io.peerlab.core.overlay.unstructured.FloodMessage;
import java.util.List;

/**
 * The random-walk search protocol (Lv, Cao, Cohen, Li and Shenker, "Search and replication in
 * unstructured peer-to-peer networks", ICS 2002, §4): walkers carry the query from peer to peer;
 * hits and check-backs go straight to the peer that asked, whose address the walker carries.
 */
public sealed interface WalkMessage extends Message {

  /**
   * One walker of a query: {@code hops} steps taken so far, at most {@code ttl} more.
   *
   * @param origin the peer that asked, for hits and check-backs
   * @param id the object id, or null for a keyword search
   * @param manifest ask holders to include the object's manifest (for a fetch)
   */
  record Walker(
      long op, long guid, int origin, Key id, List<String> keywords, boolean manifest, int ttl,
      int hops)
      implements WalkMessage {
    public Walker {
      keywords = List.copyOf(keywords);
    }

    public Walker next() {
      return new Walker(op, guid, origin, id, keywords, manifest, ttl - 1, hops + 1);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + FloodMessage.GUID + Wire.ADDRESS + 3
          + (id != null ? Wire.KEY : Wire.strings(keywords));
    }
  }

  /**
   * A holder's answer, straight to the peer that asked; {@code hops} = the walker's steps. Like
   * {@link FloodMessage.QueryHit}, each object comes with its manifest, charged as one key.
   */
  record Hit(
      long op, long guid, List<Manifest> objects, List<Integer> holders, Manifest manifest, int hops)
      implements WalkMessage {
    public Hit {
      objects = List.copyOf(objects);
      holders = List.copyOf(holders);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + FloodMessage.GUID + 1 + Wire.keys(objects.size())
          + Wire.addresses(holders.size()) + (manifest == null ? 1 : manifest.wireSize());
    }
  }

  /** A walker waits at the sender: should it go on? {@code ticket} names the waiting walker. */
  record Check(long op, long guid, long ticket) implements WalkMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + FloodMessage.GUID + 8;
    }
  }

  /** The asking peer's answer: go on while the query is open, stop once it has ended. */
  record CheckReply(long op, long guid, long ticket, boolean go) implements WalkMessage {
    @Override
    public int wireSize() {
      return Wire.HEADER + FloodMessage.GUID + 8 + 1;
    }
  }
}
