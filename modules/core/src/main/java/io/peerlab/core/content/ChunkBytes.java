package io.peerlab.core.content;

import io.peerlab.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * The content of every chunk, generated deterministically from (seed, object, chunk): any peer
 * that holds an object can produce its bytes without storing them, and the receiver checks them
 * against the manifest's SHA-256 like real data.
 */
public final class ChunkBytes {
  private ChunkBytes() {}

  public static byte[] generate(long seed, int object, int chunk, int length) {
    SplittableRandom r =
        new SplittableRandom(Seeds.derive(seed, "chunk", ((long) object << 32) | chunk));
    byte[] b = new byte[length];
    int i = 0;
    while (i + 8 <= length) {
      long v = r.nextLong();
      for (int k = 0; k < 8; k++) {
        b[i++] = (byte) (v >>> (8 * k));
      }
    }
    if (i < length) {
      long v = r.nextLong();
      for (int k = 0; i < length; k++) {
        b[i++] = (byte) (v >>> (8 * k));
      }
    }
    return b;
  }
}
