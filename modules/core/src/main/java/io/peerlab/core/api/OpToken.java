package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.workload.OpType;
import org.apiguardian.api.API;

/**
 * A 64-bit token naming one operation of one client: {@code type (4 bits) | client address (28
 * bits) | sequence (32 bits)}. Messages carry it so that any host can count messages and bytes per
 * operation type; 0 means "no operation" (maintenance).
 */
@API(status = STABLE, since = "0.1")
public final class OpToken {
  private OpToken() {}

  public static final long NONE = 0;

  public static long of(OpType type, int client, int seq) {
    if (client < 0 || client >= (1 << 28)) {
      throw new IllegalArgumentException("client address out of range: " + client);
    }
    return ((long) (type.ordinal() + 1) << 60) | ((long) client << 32) | (seq & 0xFFFF_FFFFL);
  }

  public static OpType type(long token) {
    int t = (int) (token >>> 60);
    return t == 0 ? OpType.OTHER : OpType.of(t - 1);
  }

  public static int client(long token) {
    return (int) ((token >>> 32) & 0x0FFF_FFFF);
  }

  public static int seq(long token) {
    return (int) token;
  }

  public static String format(long token) {
    return token == NONE
        ? "-"
        : type(token).label() + "#" + client(token) + "." + seq(token);
  }
}
