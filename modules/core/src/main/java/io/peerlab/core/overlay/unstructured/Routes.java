package io.peerlab.core.overlay.unstructured;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query ids a peer has seen, each with the neighbour it first came from: Gnutella's duplicate
 * filter and its reverse-path routing table in one. Entries expire {@code expiryNanos} after they
 * were made (they are only needed while hits can still come back); expired entries are dropped
 * whenever the table is used, so it needs no timer and stays small on a busy peer.
 */
public final class Routes {
  /** {@link #upstream} of a query this peer asked itself. */
  public static final int ORIGIN = -1;

  /** {@link #upstream} of a query this peer has not seen (or has forgotten). */
  public static final int UNKNOWN = -2;

  private record Entry(int upstream, long at) {}

  private final long expiryNanos;
  private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>();

  public Routes(long expiryNanos) {
    this.expiryNanos = expiryNanos;
  }

  /** Remembers {@code guid} as seen, first from {@code upstream}; false if it was already seen. */
  public boolean add(long guid, int upstream, long now) {
    evict(now);
    if (entries.containsKey(guid)) {
      return false;
    }
    entries.put(guid, new Entry(upstream, now));
    return true;
  }

  public boolean seen(long guid, long now) {
    evict(now);
    return entries.containsKey(guid);
  }

  /** The neighbour a query came from, {@link #ORIGIN}, or {@link #UNKNOWN}. */
  public int upstream(long guid, long now) {
    evict(now);
    Entry e = entries.get(guid);
    return e == null ? UNKNOWN : e.upstream;
  }

  public int size() {
    return entries.size();
  }

  private void evict(long now) {
    Iterator<Map.Entry<Long, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if (now - e.at <= expiryNanos) {
        return;
      }
      it.remove();
    }
  }
}
