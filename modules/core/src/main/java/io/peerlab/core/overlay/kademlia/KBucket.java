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
 *
 * <p>Churn: a contact that fails to answer {@code maxFailures} RPCs in a row is evicted ({@link
 * #failed}); any message from it resets its count. Newcomers dropped because the bucket was full
 * wait in a replacement cache (at most the bucket's capacity, most recently seen last); an evicted
 * contact's place goes to the most recently seen of them.
 */
public final class KBucket {
  /** {@link #offer} result: nothing to do (contact moved, added or dropped). */
  public static final int NO_PING = -1;

  private int[] contacts = new int[4];
  /**
   * When each contact was last seen; null while every contact was last seen at {@link #seenAll} (a
   * warm-started bucket).
   */
  private long[] seen = new long[4];
  private long seenAll;
  private int size;
  /**
   * Each contact's failed RPCs in a row; null while none has failed one since the bucket was made
   * (without churn, always: no array to keep or to shift on every offer).
   */
  private int[] failures;
  private int[] replacements;
  private int replacementCount;
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

  /** The contacts array itself, least- to most-recently seen in [0, size): not to be written. */
  int[] contactArray() {
    return contacts;
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
      remember(contact, capacity);
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
    remove(contact);
    if (candidate >= 0 && indexOf(candidate) < 0) {
      append(candidate, now);
    } else {
      refill(now);
    }
    pinging = -1;
    candidate = -1;
  }

  /**
   * {@code contact} did not answer an RPC: after {@code maxFailures} in a row it is evicted and the
   * most recently seen replacement takes its place. Returns true when it was evicted.
   */
  public boolean failed(int contact, long now, int maxFailures) {
    if (contact == pinging) {
      pingFailed(contact, now);
      return true;
    }
    int i = indexOf(contact);
    if (i < 0) {
      dropReplacement(contact);
      return false;
    }
    times();
    if (failures == null) {
      failures = new int[contacts.length];
    }
    if (++failures[i] < maxFailures) {
      return false;
    }
    remove(contact);
    refill(now);
    return true;
  }

  /** Contacts waiting for a place, least- to most-recently seen. */
  public int[] replacements() {
    return replacements == null ? new int[0] : Arrays.copyOf(replacements, replacementCount);
  }

  /** Failed RPCs in a row of a contact in this bucket (0 when it is not in it). */
  public int failures(int contact) {
    int i = indexOf(contact);
    return i < 0 || failures == null ? 0 : failures[i];
  }

  private void remove(int contact) {
    int i = indexOf(contact);
    if (i >= 0) {
      times();
      System.arraycopy(contacts, i + 1, contacts, i, size - i - 1);
      System.arraycopy(seen, i + 1, seen, i, size - i - 1);
      if (failures != null) {
        System.arraycopy(failures, i + 1, failures, i, size - i - 1);
      }
      size--;
    }
  }

  /** The most recently seen replacement, if any, enters the bucket (as if just seen). */
  private void refill(long now) {
    if (replacementCount > 0) {
      append(replacements[--replacementCount], now);
    }
  }

  /**
   * A newcomer found the bucket full: keep it as the most recent replacement, the oldest dropped
   * past capacity (all of those past it, when the capacity fell since the cache filled).
   */
  private void remember(int contact, int capacity) {
    if (replacementCount > 0 && replacements[replacementCount - 1] == contact) {
      return; // already the most recent: nothing moves
    }
    dropReplacement(contact);
    int cap = Math.min(capacity, 64);
    if (replacements == null) {
      replacements = new int[Math.max(1, Math.min(cap, 8))];
    }
    if (replacementCount >= cap) {
      int drop = replacementCount - cap + 1;
      System.arraycopy(replacements, drop, replacements, 0, replacementCount - drop);
      replacementCount -= drop;
    }
    if (replacementCount == replacements.length) {
      replacements = Arrays.copyOf(replacements, Math.min(cap, 2 * replacements.length));
    }
    replacements[replacementCount++] = contact;
  }

  private void dropReplacement(int contact) {
    for (int i = 0; i < replacementCount; i++) {
      if (replacements[i] == contact) {
        System.arraycopy(replacements, i + 1, replacements, i, replacementCount - i - 1);
        replacementCount--;
        return;
      }
    }
  }

  /** From the most recently seen down: a contact heard from is most often a recent one. */
  private int indexOf(int contact) {
    for (int i = size - 1; i >= 0; i--) {
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
    if (i == size - 1) {
      seen[i] = now;
      if (failures != null) {
        failures[i] = 0;
      }
      return;
    }
    int c = contacts[i];
    System.arraycopy(contacts, i + 1, contacts, i, size - i - 1);
    System.arraycopy(seen, i + 1, seen, i, size - i - 1);
    contacts[size - 1] = c;
    seen[size - 1] = now;
    if (failures != null) {
      System.arraycopy(failures, i + 1, failures, i, size - i - 1);
      failures[size - 1] = 0;
    }
  }

  private void append(int contact, long now) {
    times();
    if (size == contacts.length) {
      contacts = Arrays.copyOf(contacts, Math.max(4, size * 2));
      seen = Arrays.copyOf(seen, Math.max(4, size * 2));
      if (failures != null) {
        failures = Arrays.copyOf(failures, Math.max(4, size * 2));
      }
    }
    dropReplacement(contact);
    contacts[size] = contact;
    seen[size] = now;
    if (failures != null) {
      failures[size] = 0;
    }
    size++;
  }
}
