package io.peerlab.core.peer;

import io.peerlab.core.api.OpToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client's ops in flight by token, in the order they started, in two flat arrays instead of a
 * {@code LinkedHashMap<Long, ...>}: no boxed key, no entry per op. A peer's ops start in the order
 * of their sequence numbers (the low 32 bits of the token, {@code OpToken.seq}), so the arrays stay
 * sorted by it and a token is found by binary search; a closed-loop client has one op in flight.
 *
 * @param <V> what the node keeps per op
 */
final class OpsInFlight<V> {
  private long[] tokens;
  private Object[] values;
  private int size;

  OpsInFlight() {
    tokens = new long[2];
    values = new Object[2];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The op {@code token}, or null. */
  @SuppressWarnings("unchecked")
  V get(long token) {
    int i = indexOf(token);
    return i < 0 ? null : (V) values[i];
  }

  boolean containsKey(long token) {
    return indexOf(token) >= 0;
  }

  /** Adds op {@code token}, whose sequence number follows every other's here (else in order). */
  void put(long token, V value) {
    if (size == tokens.length) {
      tokens = Arrays.copyOf(tokens, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    int at = size;
    while (at > 0 && seq(tokens[at - 1]) > seq(token)) {
      at--; // not in sequence order (never on the node's own paths): keep the arrays sorted
    }
    System.arraycopy(tokens, at, tokens, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    tokens[at] = token;
    values[at] = value;
    size++;
  }

  /** Removes op {@code token}; returns it, or null when it was not here. */
  @SuppressWarnings("unchecked")
  V remove(long token) {
    int i = indexOf(token);
    if (i < 0) {
      return null;
    }
    V v = (V) values[i];
    System.arraycopy(tokens, i + 1, tokens, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
    return v;
  }

  /** A copy of the ops, in the order they started. */
  @SuppressWarnings("unchecked")
  List<V> values() {
    List<V> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add((V) values[i]);
    }
    return out;
  }

  void clear() {
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  private int indexOf(long token) {
    long s = seq(token);
    int a = 0;
    int b = size - 1;
    while (a <= b) {
      int m = (a + b) >>> 1;
      long ms = seq(tokens[m]);
      if (ms < s) {
        a = m + 1;
      } else if (ms > s) {
        b = m - 1;
      } else {
        return tokens[m] == token ? m : -1;
      }
    }
    return -1;
  }

  /** The token's sequence number ({@link OpToken#seq}), unsigned. */
  private static long seq(long token) {
    return Integer.toUnsignedLong(OpToken.seq(token));
  }
}
