package io.peerlab.core.overlay.dht;

import io.peerlab.core.id.Key;

/**
 * Where a keyword's posting list lives in the key space: the SHA-1 of {@code "keyword:" + word}, so
 * keyword keys are spread over the ring like object ids and never collide with them (object ids
 * hash the object's name, which has no {@code keyword:} prefix).
 */
public final class Keywords {
  private Keywords() {}

  public static Key key(String keyword) {
    return Key.sha1("keyword:" + keyword);
  }
}
