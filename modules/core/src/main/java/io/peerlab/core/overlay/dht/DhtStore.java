package io.peerlab.core.overlay.dht;

import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one peer stores for the DHT on behalf of others: object records (object id to manifest and
 * holders) and posting lists (keyword key to the ids of objects carrying that keyword, with their
 * holders). The overlay decides which keys a peer is responsible for; this class only keeps what it
 * is given. Holders are kept in the order they were added and never twice. Maps are created on
 * first use, so a peer that stores nothing costs two null fields.
 *
 * <p>Index poisoning (docs/adversary.md, docs/overlays/chord.md "Under attack"): a record holds one
 * manifest, the first one stored for the id, and only the peers that published that manifest. A
 * put with another manifest for the same id (a forgery, or the genuine one after a forgery came
 * first) does not mix its holder into the record: it is kept aside as a rival ({@link #rivals}),
 * which lookups never return. So a DHT record is first come, first kept, and the manifest a
 * locate returns always comes with the peers that announced that very manifest. Posting lists
 * carry object ids only: a forged posting names a genuine id and adds nothing a searcher uses.
 */
public final class DhtStore {

  /** An object's manifest and the peers known to hold it. */
  public record ObjectRecord(Manifest manifest, int[] holders) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ObjectRecord r && manifest.equals(r.manifest)
          && Arrays.equals(holders, r.holders);
    }

    @Override
    public int hashCode() {
      return manifest.hashCode() * 31 + Arrays.hashCode(holders);
    }

    @Override
    public String toString() {
      return "ObjectRecord[" + manifest.name() + ", holders=" + Arrays.toString(holders) + "]";
    }
  }

  private Map<Key, ObjectRecord> objects;
  private Map<Key, TreeMap<Key, int[]>> postings;
  /** Records put with another manifest than the kept one, by id; null until the first. */
  private Map<Key, List<ObjectRecord>> rivals;

  /**
   * Adds {@code holder} to the record of {@code manifest}'s object, creating it if needed; a
   * manifest other than the record's goes to the rivals ({@link #rivals}).
   */
  public void putObject(Manifest manifest, int holder) {
    if (objects == null) {
      objects = new HashMap<>();
    }
    ObjectRecord r = objects.get(manifest.id());
    if (r == null) {
      objects.put(manifest.id(), new ObjectRecord(manifest, new int[] {holder}));
    } else if (!r.manifest().equals(manifest)) {
      putRival(manifest, holder);
    } else if (!contains(r.holders(), holder)) {
      objects.put(manifest.id(), new ObjectRecord(r.manifest(), append(r.holders(), holder)));
    }
  }

  private void putRival(Manifest manifest, int holder) {
    if (rivals == null) {
      rivals = new HashMap<>();
    }
    List<ObjectRecord> list = rivals.computeIfAbsent(manifest.id(), k -> new ArrayList<>(1));
    for (int i = 0; i < list.size(); i++) {
      ObjectRecord r = list.get(i);
      if (r.manifest().equals(manifest)) {
        if (!contains(r.holders(), holder)) {
          list.set(i, new ObjectRecord(manifest, append(r.holders(), holder)));
        }
        return;
      }
    }
    list.add(new ObjectRecord(manifest, new int[] {holder}));
  }

  /**
   * The records put for {@code id} with another manifest than the kept one (index poisoning),
   * in the order they came; empty when there are none. Never answered to a lookup.
   */
  public List<ObjectRecord> rivals(Key id) {
    List<ObjectRecord> list = rivals == null ? null : rivals.get(id);
    return list == null ? List.of() : List.copyOf(list);
  }

  /** Merges a whole record (replication): every holder of {@code r} is added. */
  public void putObject(ObjectRecord r) {
    for (int h : r.holders()) {
      putObject(r.manifest(), h);
    }
  }

  /** The record of an object, or null when this peer stores none. */
  public ObjectRecord object(Key id) {
    return objects == null ? null : objects.get(id);
  }

  /** Adds ({@code object}, {@code holder}) to the posting list at {@code keywordKey}. */
  public void putPosting(Key keywordKey, Key object, int holder) {
    if (postings == null) {
      postings = new HashMap<>();
    }
    TreeMap<Key, int[]> list = postings.computeIfAbsent(keywordKey, k -> new TreeMap<>());
    int[] h = list.get(object);
    if (h == null) {
      list.put(object, new int[] {holder});
    } else if (!contains(h, holder)) {
      list.put(object, append(h, holder));
    }
  }

  /** Object ids in the posting list at {@code keywordKey}, ascending; null when there is none. */
  public List<Key> postings(Key keywordKey) {
    TreeMap<Key, int[]> list = postings == null ? null : postings.get(keywordKey);
    return list == null ? null : new ArrayList<>(list.keySet());
  }

  /** Holders of {@code object} as recorded in the posting list at {@code keywordKey}. */
  public int[] postingHolders(Key keywordKey, Key object) {
    TreeMap<Key, int[]> list = postings == null ? null : postings.get(keywordKey);
    int[] h = list == null ? null : list.get(object);
    return h == null ? new int[0] : h.clone();
  }

  /** Drops the record of an object (handed over to the peer now responsible for it). */
  public void removeObject(Key id) {
    if (objects != null) {
      objects.remove(id);
    }
    if (rivals != null) {
      rivals.remove(id);
    }
  }

  /** Drops the posting list at {@code keywordKey} (handed over). */
  public void removePostings(Key keywordKey) {
    if (postings != null) {
      postings.remove(keywordKey);
    }
  }

  public int objectCount() {
    return objects == null ? 0 : objects.size();
  }

  public int postingListCount() {
    return postings == null ? 0 : postings.size();
  }

  /** Ids of the objects this peer keeps records of (any order). */
  public List<Key> objectIds() {
    return objects == null ? List.of() : new ArrayList<>(objects.keySet());
  }

  /** Keyword keys this peer keeps posting lists for (any order). */
  public List<Key> postingKeys() {
    return postings == null ? List.of() : new ArrayList<>(postings.keySet());
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  private static int[] append(int[] a, int v) {
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }
}
