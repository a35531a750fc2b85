package io.peerlab.demo;

import io.peerlab.core.api.Overlay;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.chord.ChordOverlay;
import io.peerlab.core.overlay.kademlia.KademliaOverlay;
import io.peerlab.core.overlay.kademlia.RoutingTable;
import io.peerlab.core.peer.PeerNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows of a clicked peer, read on the peer's own thread ({@link
 * io.peerlab.runtime.LiveSystem#inspect}) through the accessors the overlays keep for tests and
 * observers: Chord's successor list, predecessor and fingers, Kademlia's k-buckets.
 */
final class PeerState {
  private PeerState() {}

  static Map<String, Object> of(PeerNode node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", node.address());
    m.put("key", node.info().key().toString());
    m.put("role", node.info().role().name().toLowerCase());
    m.put("phase", node.phase().name().toLowerCase());
    m.put("down", node.down());
    m.put("busy", node.busy());
    m.put("objects", node.store().count());
    m.put("storedChunks", node.store().storedChunks());
    m.put("storedBytes", node.store().storedBytes());
    Overlay overlay = node.overlay();
    m.put("overlay", overlay.getClass().getSimpleName());
    if (overlay instanceof ChordOverlay chord) {
      m.put("successor", chord.successor());
      m.put("predecessor", chord.predecessor());
      m.put("successorList", chord.successorList());
      m.put("fingers", fingers(chord));
    } else if (overlay instanceof KademliaOverlay kad) {
      m.put("buckets", buckets(kad.routingTable()));
    }
    return m;
  }

  /** Chord's fingers as runs: each distinct finger with the first index i (key + 2^i) it covers. */
  private static List<Map<String, Integer>> fingers(ChordOverlay chord) {
    List<Map<String, Integer>> out = new ArrayList<>();
    int last = Integer.MIN_VALUE;
    for (int i = 0; i < Key.BITS; i++) {
      int f = chord.finger(i);
      if (f != last && f >= 0) {
        out.add(Map.of("from", i, "peer", f));
      }
      last = f;
    }
    return out;
  }

  /**
   * Kademlia's non-empty k-buckets: index i holds the contacts at XOR distance [2^i, 2^(i+1)), least
   * recently seen first.
   */
  private static List<Map<String, Object>> buckets(RoutingTable table) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int b = 0; b < Key.BITS; b++) {
      var bucket = table.bucket(b);
      int[] contacts = bucket == null ? new int[0] : bucket.contacts();
      if (contacts.length > 0) {
        Map<String, Object> bm = new LinkedHashMap<>();
        bm.put("index", b);
        bm.put("contacts", contacts);
        out.add(bm);
      }
    }
    return out;
  }
}
