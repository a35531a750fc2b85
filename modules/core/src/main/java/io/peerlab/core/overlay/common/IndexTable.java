package io.peerlab.core.overlay.common;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A central index: object id to manifest and holders, keyword to object ids. Holders are kept in
 * publication order; search results come back in key order so they are deterministic.
 */
public final class IndexTable {
  private final Map<Key, Manifest> manifests = new HashMap<>();
  private final Map<Key, Set<Integer>> holders = new HashMap<>();
  private final Map<String, Set<Key>> postings = new HashMap<>();

  public void add(Manifest m, int holder) {
    manifests.putIfAbsent(m.id(), m);
    holders.computeIfAbsent(m.id(), k -> new LinkedHashSet<>()).add(holder);
    for (String w : m.keywords()) {
      postings.computeIfAbsent(w, k -> new TreeSet<>()).add(m.id());
    }
  }

  public int[] holders(Key id) {
    Set<Integer> h = holders.get(id);
    return h == null ? new int[0] : h.stream().mapToInt(Integer::intValue).toArray();
  }

  public Manifest manifest(Key id) {
    return manifests.get(id);
  }

  public int objects() {
    return manifests.size();
  }

  /** Ids of objects carrying every keyword, ascending. */
  public List<Key> search(Collection<String> keywords) {
    Set<Key> result = null;
    for (String w : keywords) {
      Set<Key> p = postings.get(w);
      if (p == null) {
        return List.of();
      }
      if (result == null) {
        result = new TreeSet<>(p);
      } else {
        result.retainAll(p);
      }
    }
    return result == null ? List.of() : new ArrayList<>(result);
  }

  /**
   * Forgets {@code holder} (a leaf that left or crashed): it no longer holds anything here; an
   * object without holders left is forgotten too.
   */
  public void removeHolder(int holder) {
    for (java.util.Iterator<Map.Entry<Key, Set<Integer>>> it = holders.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Key, Set<Integer>> e = it.next();
      if (e.getValue().remove(holder) && e.getValue().isEmpty()) {
        it.remove();
        Manifest m = manifests.remove(e.getKey());
        for (String w : m.keywords()) {
          Set<Key> p = postings.get(w);
          if (p != null && p.remove(m.id()) && p.isEmpty()) {
            postings.remove(w);
          }
        }
      }
    }
  }
}
