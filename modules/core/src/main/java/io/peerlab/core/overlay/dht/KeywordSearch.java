package io.peerlab.core.overlay.dht;

import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One keyword search over a DHT: one posting-list query per distinct keyword, sent in parallel; the
 * result is the intersection of the lists. Hops of the search are those of its slowest branch (the
 * longest chain of messages on the critical path), since the queries run at the same time.
 */
public final class KeywordSearch {
  private final long op;
  private final List<String> keywords;
  private Set<Key> result;
  private int answered;
  private int hops;
  private boolean empty;

  public KeywordSearch(long op, Collection<String> keywords) {
    this.op = op;
    this.keywords = List.copyOf(new LinkedHashSet<>(keywords));
    if (this.keywords.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one keyword");
    }
  }

  public long op() {
    return op;
  }

  /** The distinct keywords to query. */
  public List<String> keywords() {
    return keywords;
  }

  /**
   * One keyword's posting list arrived ({@code objects} null or empty when the responsible peer has
   * none). Returns true when every keyword has answered.
   */
  public boolean answer(Collection<Key> objects, int branchHops) {
    hops = Math.max(hops, branchHops);
    answered++;
    if (objects == null || objects.isEmpty()) {
      empty = true;
    } else if (!empty) {
      if (result == null) {
        result = new TreeSet<>(objects);
      } else {
        result.retainAll(objects);
      }
    }
    return done();
  }

  public boolean done() {
    return answered >= keywords.size();
  }

  /** Ids of the objects carrying every keyword, ascending (empty until done, or if none). */
  public List<Key> result() {
    return empty || result == null ? List.of() : new ArrayList<>(result);
  }

  public int hops() {
    return hops;
  }
}
