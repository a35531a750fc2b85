package io.peerlab.core.overlay.common;

import io.peerlab.core.api.Offer;
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
 *
 * <p>The index cannot tell a forged manifest from a genuine one (it does not know the content id an
 * object id stands for), so when peers publish different manifests under one id (index
 * poisoning, docs/adversary.md) it keeps each manifest with the peers that published it, in the
 * order they first came: {@link #offers} and {@link #searchHits} give them all, and the asking peer
 * decides ({@link io.peerlab.core.api.NodeContext#verify}). Without an adversary every id has one
 * manifest, and everything reads as before.
 */
public final class IndexTable {
  /** One manifest of an object and the peers that published it. */
  private record Entry(Manifest manifest, Set<Integer> holders) {}

  private final Map<Key, List<Entry>> entries = new HashMap<>();
  private final Map<String, Set<Key>> postings = new HashMap<>();

  public void add(Manifest m, int holder) {
    List<Entry> es = entries.computeIfAbsent(m.id(), k -> new ArrayList<>(1));
    Entry e = null;
    for (Entry x : es) {
      if (x.manifest().equals(m)) {
        e = x;
        break;
      }
    }
    if (e == null) {
      e = new Entry(m, new LinkedHashSet<>());
      es.add(e);
    }
    e.holders().add(holder);
    for (String w : m.keywords()) {
      postings.computeIfAbsent(w, k -> new TreeSet<>()).add(m.id());
    }
  }

  /** Every peer that published the object, whatever manifest it gave: manifest by manifest. */
  public int[] holders(Key id) {
    List<Entry> es = entries.get(id);
    if (es == null) {
      return new int[0];
    }
    if (es.size() == 1) {
      return toArray(es.get(0).holders());
    }
    Set<Integer> all = new LinkedHashSet<>();
    for (Entry e : es) {
      all.addAll(e.holders());
    }
    return toArray(all);
  }

  /** The manifest published first for the object, or null. */
  public Manifest manifest(Key id) {
    List<Entry> es = entries.get(id);
    return es == null ? null : es.get(0).manifest();
  }

  /** Each manifest published for the object with the peers that published it (empty if none). */
  public List<Offer> offers(Key id) {
    List<Entry> es = entries.get(id);
    if (es == null) {
      return List.of();
    }
    List<Offer> out = new ArrayList<>(es.size());
    for (Entry e : es) {
      out.add(new Offer(e.manifest(), toArray(e.holders())));
    }
    return out;
  }

  public int objects() {
    return entries.size();
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
   * The hits of a keyword search: every manifest published for each object carrying every keyword,
   * objects in ascending id order, an object's manifests in publication order.
   */
  public List<Manifest> searchHits(Collection<String> keywords) {
    List<Manifest> out = new ArrayList<>();
    for (Key id : search(keywords)) {
      for (Entry e : entries.get(id)) {
        out.add(e.manifest());
      }
    }
    return out;
  }

  /**
   * Forgets {@code holder} (a leaf that left or crashed): it no longer holds anything here; a
   * manifest without holders left is forgotten, and an object without manifests too.
   */
  public void removeHolder(int holder) {
    for (java.util.Iterator<Map.Entry<Key, List<Entry>>> it = entries.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Key, List<Entry>> e = it.next();
      List<Entry> es = e.getValue();
      List<String> keywords = es.get(0).manifest().keywords();
      es.removeIf(x -> x.holders().remove(holder) && x.holders().isEmpty());
      if (es.isEmpty()) {
        it.remove();
        for (String w : keywords) {
          Set<Key> p = postings.get(w);
          if (p != null && p.remove(e.getKey()) && p.isEmpty()) {
            postings.remove(w);
          }
        }
      }
    }
  }

  private static int[] toArray(Collection<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }
}
