package io.peerlab.core.peer;

import java.util.Arrays;

/**
 * One peer's live timers, by handle, in two flat arrays instead of a {@code HashMap<Long, ...>}: a
 * handle names a slot and that slot's generation, {@code generation << 32 | slot}, so finding a
 * timer is one array read (no boxing, no hashing, no entry to chase), and a fired or cancelled
 * timer's handle stops matching the moment its slot is freed, even when the slot is reused. Free
 * slots are reused last freed first, so a peer with k timers live at once keeps about k slots.
 * Handles are never 0 (generations start at 1), and a slot's generation runs through 2^32 - 1
 * values before one repeats, far more timers than one peer starts in a run.
 *
 * <p>Made empty: a peer's arrays are allocated on its first timer.
 */
final class TimerTable {
  private static final int NO_SLOT = -1;
  private static final long[] NONE = new long[0];
  private static final Object[] NO_KEYS = new Object[0];

  /**
   * Per slot: its generation in the high 32 bits; in the low 32 bits the owner's ordinal + 1 while
   * the slot is live (&gt; 0), or -(next free slot + 1) while it is free (&lt;= 0).
   */
  private long[] meta = NONE;
  private Object[] key = NO_KEYS;
  private int freeHead = NO_SLOT;
  private int used;
  private int live;

  /** Starts a timer for {@code ownerOrdinal} (0 or more) with {@code k}; returns its handle. */
  long add(int ownerOrdinal, Object k) {
    int slot = freeHead;
    long gen;
    if (slot != NO_SLOT) {
      long m = meta[slot];
      freeHead = -(int) m - 1;
      gen = m >>> 32;
    } else {
      if (used == meta.length) {
        grow();
      }
      slot = used++;
      gen = 1;
    }
    meta[slot] = (gen << 32) | (ownerOrdinal + 1);
    key[slot] = k;
    live++;
    return (gen << 32) | slot;
  }

  /** True while {@code handle} is live: started, neither fired nor removed. */
  boolean contains(long handle) {
    int slot = (int) handle;
    if (slot < 0 || slot >= used) {
      return false;
    }
    long m = meta[slot];
    return (int) m > 0 && (m >>> 32) == (handle >>> 32);
  }

  /** The owner's ordinal of the live timer {@code handle} (only when {@link #contains}). */
  int owner(long handle) {
    return (int) meta[(int) handle] - 1;
  }

  /** The key of the live timer {@code handle} (only when {@link #contains}). */
  Object key(long handle) {
    return key[(int) handle];
  }

  /** Removes the timer {@code handle}; false when it was not live. */
  boolean remove(long handle) {
    if (!contains(handle)) {
      return false;
    }
    free((int) handle);
    return true;
  }

  /** Number of live timers. */
  int size() {
    return live;
  }

  /** Removes every timer; their handles stop matching. */
  void clear() {
    for (int s = 0; s < used; s++) {
      if ((int) meta[s] > 0) {
        free(s);
      }
    }
  }

  private void free(int slot) {
    long gen = (meta[slot] >>> 32) + 1;
    if (gen > 0xFFFF_FFFFL) {
      gen = 1;
    }
    meta[slot] = (gen << 32) | ((-(freeHead + 1)) & 0xFFFF_FFFFL);
    key[slot] = null;
    freeHead = slot;
    live--;
  }

  private void grow() {
    int n = meta.length == 0 ? 4 : meta.length * 2;
    meta = Arrays.copyOf(meta, n);
    key = Arrays.copyOf(key, n);
  }
}
