package io.peerlab.core.content;

import io.peerlab.core.util.Seeds;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * The content of every chunk, generated deterministically from (seed, object, chunk): any peer
 * that holds an object can produce its bytes without storing them, and the receiver checks them
 * against the manifest's SHA-256 like real data.
 */
public final class ChunkBytes {
  private ChunkBytes() {}

  /** Eight bytes at once, least significant first: what the byte loop wrote, several times faster. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  public static byte[] generate(long seed, int object, int chunk, int length) {
    SplittableRandom r =
        new SplittableRandom(Seeds.derive(seed, "chunk", ((long) object << 32) | chunk));
    byte[] b = new byte[length];
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      LONGS.set(b, i, r.nextLong());
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
