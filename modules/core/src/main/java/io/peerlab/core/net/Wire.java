package io.peerlab.core.net;

import java.util.Collection;

/**
 * Wire-size conventions, so that message sizes are comparable across protocols. Sizes model a
 * compact binary encoding over TCP/IP, not Java's in-memory size.
 */
public final class Wire {
  private Wire() {}

  /** Per-message overhead: TCP/IP headers (40) plus a type, an op token and a length (16). */
  public static final int HEADER = 56;
  /** A key: 160 bits. */
  public static final int KEY = 20;
  /** A peer's contact: IPv4 address and port. */
  public static final int ADDRESS = 6;
  /** A peer's contact and its key, as in Chord finger and Kademlia contact lists. */
  public static final int CONTACT = ADDRESS + KEY;
  /** A small integer field (counter, index, TTL, hop count). */
  public static final int INT = 4;
  /** A SHA-256 digest. */
  public static final int SHA256 = 32;

  /** UTF-8 length plus a one-byte length prefix, for the short ASCII names and keywords used. */
  public static int string(String s) {
    return 1 + s.length();
  }

  public static int strings(Collection<String> ss) {
    int n = 2;
    for (String s : ss) {
      n += string(s);
    }
    return n;
  }

  public static int keys(int count) {
    return 2 + count * KEY;
  }

  public static int addresses(int count) {
    return 2 + count * ADDRESS;
  }
}
