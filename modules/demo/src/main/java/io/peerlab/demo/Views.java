package io.peerlab.demo;

import io.peerlab.core.id.Key;

/** Which drawing a topology gets, and where a peer sits on the id ring. */
final class Views {
  private Views() {}

  /** chord, kademlia, graph (flooding, random walk, super-peer) or star (a server at the centre). */
  static String of(String topology) {
    return switch (topology) {
      case "chord" -> "chord";
      case "kademlia" -> "kademlia";
      case "client-server", "central-index" -> "star";
      default -> "graph";
    };
  }

  /** The key's place on the ring, 0 (inclusive) to 1 (exclusive): its top 32 bits. */
  static double ringPosition(Key key) {
    return key.hi() / 4294967296.0;
  }
}
