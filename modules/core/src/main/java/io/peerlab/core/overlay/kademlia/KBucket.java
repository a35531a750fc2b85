package io.peerlab.core.overlay.kademlia;

import java.util.Arrays;

/**
 * One k-bucket (Maymounkov and Mazières 2002, §2.2): contacts ordered from least- to most-recently
 * seen. A contact heard from moves to the tail. A new contact enters while there is room; when the
 * bucket is full, the least-recently seen contact is pinged if it has been silent for the stale
 * period: it keeps its place if it answers, and is replaced by the newcomer if it does not. While a
 * ping is out, further newcomers are dropped (live, old contacts are worth more than new ones).
 * Time and pinging are the caller's: {@link #offer} says whom to ping, {@link #pong} and {@link
 * #pingFailed} report the outcome.
 */
public final class KBucket {
  /** {@link #offer} result: nothing to do (contact moved, added or dropped). */
  public static final int NO_PING = -1;

  private int[] contacts = new int[4];
  /** When each contact was last seen; null while every contact was last seen at {@link #seenAll}. */
  private long[] seen = new long[4];
  private long seenAll;
  private int size;
  private int pinging = -1;
  private int candidate = -1;

  /**
   * A bucket holding {@code contacts} (least- to most-recently seen; the array is kept), all seen
   * at {@code now}: sized exactly and without a time per contact until one is heard from, so that
   * warm-started tables of a million peers fit in memory.
   */
  static KBucket filled(int[] contacts, long now) {
    KBucket b = new KBucket();
    b.contacts = contacts;
    b.seen = null;
    b.seenAll = now;
    b.size = contacts.length;
    return b;
  }

  public int size() {
    return size;
  }

  /** Contacts from least- to most-recently seen. */
  public int[] contacts() {
    return Arrays.copyOf(contacts, size);
  }

  /** Contact {@code i} in least- to most-recently seen order, without copying. */
  int contact(int i) {
    return contacts[i];
  }

  public boolean contains(int contact) {
    return indexOf(contact) >= 0;
  }

  /** The contact being pinged to decide an eviction, or -1. */
  public int pinging() {
    return pinging;
  }

  /**
   * {@code contact} was heard from at {@code now}; {@code capacity} is how many contacts this
   * bucket may hold. Returns the contact to ping, or {@link #NO_PING}.
   */
  public int offer(int contact, long now, int capacity, long staleAfterNanos) {
    int i = indexOf(contact);
    if (i >= 0) {
      moveToTail(i, now);
      if (contact == pinging) {
        pinging = -1;
        candidate = -1;
      }
      return NO_PING;
    }
    if (size < capacity) {
      append(contact, now);
      return NO_PING;
    }
    if (pinging >= 0 || size == 0 || now - (seen == null ? seenAll : seen[0]) < staleAfterNanos) {
      return NO_PING;
    }
    pinging = contacts[0];
    candidate = contact;
    return pinging;
  }

  /** {@code contact} answered a ping: it stays, as most recently seen ({@link #offer} does the same). */
  public void pong(int contact, long now) {
    int i = indexOf(contact);
    if (i >= 0) {
      moveToTail(i, now);
    }
    if (contact == pinging) {
      pinging = -1;
      candidate = -1;
    }
  }

  /** {@code contact} did not answer its ping: evict it and take the waiting newcomer. */
  public void pingFailed(int contact, long now) {
    if (contact != pinging) {
      return;
    }
    int i = indexOf(contact);
    if (i >= 0) {
      times();
      System.arraycopy(contacts, i + 1, contacts, i, size - i - 1);
      System.arraycopy(seen, i + 1, seen, i, size - i - 1);
      size--;
    }
    if (candidate >= 0 && indexOf(candidate) < 0) {
      append(candidate, now);
    }
    pinging = -1;
    candidate = -1;
  }

  private int indexOf(int contact) {
    for (int i = 0; i < size; i++) {
      if (contacts[i] == contact) {
        return i;
      }
    }
    return -1;
  }

  /** Gives every contact its own time (a filled bucket's first change). */
  private void times() {
    if (seen == null) {
      seen = new long[contacts.length];
      Arrays.fill(seen, seenAll);
    }
  }

  private void moveToTail(int i, long now) {
    times();
    int c = contacts[i];
    System.arraycopy(contacts, i + 1, contacts, i, size - i - 1);
    System.arraycopy(seen, i + 1, seen, i, size - i - 1);
    contacts[size - 1] = c;
    seen[size - 1] = now;
  }

  private void append(int contact, long now) {
    times();
    if (size == contacts.length) {
      contacts = Arrays.copyOf(contacts, Math.max(4, size * 2));
      seen = Arrays.copyOf(seen, Math.max(4, size * 2));
    }
    contacts[size] = contact;
    seen[size] = now;
    size++;
  }
}
