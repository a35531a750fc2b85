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

  /** Adds {@code holder} to the record of {@code manifest}'s object, creating it if needed. */
  public void putObject(Manifest manifest, int holder) {
    if (objects == null) {
      objects = new HashMap<>();
    }
    ObjectRecord r = objects.get(manifest.id());
    if (r == null) {
      objects.put(manifest.id(), new ObjectRecord(manifest, new int[] {holder}));
    } else if (!contains(r.holders(), holder)) {
      objects.put(manifest.id(), new ObjectRecord(r.manifest(), append(r.holders(), holder)));
    }
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
