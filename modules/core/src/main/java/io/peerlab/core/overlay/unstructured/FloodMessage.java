package io.peerlab.core.overlay.unstructured;

import io.peerlab.core.api.Message;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import java.util.List;

/**
 * Gnutella 0.4's search messages (The Gnutella Protocol Specification v0.4, §"Query" and
 * "QueryHit"), used by {@code flooding} and, between super-peers, by {@code super-peer}. A query
 * carries a 16-byte unique id, a TTL and a hop count; a hit travels back along the reverse path
 * of the query, hop by hop.
 */
public sealed interface FloodMessage extends Message {

  /** Gnutella's message id (a GUID). */
  int GUID = 16;

  /**
   * A query for one object id (a lookup, or a fetch's locate step) or for objects carrying all
   * {@code keywords} (a search). {@code hops} is the number of overlay hops this copy has taken,
   * {@code ttl} how many more it may take; a peer that receives it first answers and, if {@code
   * ttl > 0}, forwards it with {@code ttl - 1} and {@code hops + 1}.
   *
   * @param id the object id, or null for a keyword search
   * @param keywords the search terms (empty for an id query)
   * @param manifest ask holders to include the object's manifest (for a fetch)
   */
  record Query(
      long op, long guid, Key id, List<String> keywords, boolean manifest, int ttl, int hops)
      implements FloodMessage {
    public Query {
      keywords = List.copyOf(keywords);
    }

    public Query next() {
      return new Query(op, guid, id, keywords, manifest, ttl - 1, hops + 1);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + GUID + 3 + (id != null ? Wire.KEY : Wire.strings(keywords));
    }
  }

  /**
   * The answer of one peer: the matching objects it knows, the peers that hold them (itself, or for
   * a super-peer the leaves it indexes) and, when the query asked for it, the manifest.
   *
   * <p>Each matching object comes with the manifest it was announced with, so that the asking peer
   * can check it (index poisoning, docs/adversary.md). On the wire an object is one key, as before
   * hits carried manifests: peerlab counts that key as the content id naming the manifest
   * (eDonkey's file hash) and does not charge the manifest object handed over with it; the manifest
   * a locate asks for ({@code manifest}) is charged in full.
   *
   * @param objects the matching objects' manifests
   * @param hops the query's hop count where it was answered: hops from the asking peer
   */
  record QueryHit(
      long op, long guid, List<Manifest> objects, List<Integer> holders, Manifest manifest, int hops)
      implements FloodMessage {
    public QueryHit {
      objects = List.copyOf(objects);
      holders = List.copyOf(holders);
    }

    @Override
    public int wireSize() {
      return Wire.HEADER + GUID + 1 + Wire.keys(objects.size()) + Wire.addresses(holders.size())
          + (manifest == null ? 1 : manifest.wireSize());
    }
  }
}
