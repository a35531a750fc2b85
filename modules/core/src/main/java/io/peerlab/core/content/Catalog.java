package io.peerlab.core.content;

import io.peerlab.core.id.Key;
import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every object of a run: names, ids, keywords and (on demand) manifests. A pure function of the
 * seed and the {@link ObjectsSpec}, so every host and every cluster member derives the same
 * catalog. Thread-safe: manifests are computed lazily and published through an atomic array.
 *
 * <p>The catalog is the ground truth against which search recall is measured; overlays never
 * consult it (a peer knows only what its own store holds).
 */
public final class Catalog {
  private final long seed;
  private final ObjectsSpec spec;
  private final Key[] ids;
  private final List<List<String>> keywords;
  private final Map<String, int[]> postings;
  private final Map<Key, Integer> byId;
  private final AtomicReferenceArray<Manifest> manifests;

  public Catalog(long seed, ObjectsSpec spec) {
    this.seed = seed;
    this.spec = spec;
    int n = spec.count();
    ids = new Key[n];
    byId = new HashMap<>(n * 2);
    List<List<String>> kws = new ArrayList<>(n);
    Map<String, List<Integer>> post = new HashMap<>();
    SplittableRandom r = Seeds.random(seed, "keywords");
    for (int i = 0; i < n; i++) {
      ids[i] = Key.sha1(name(i));
      byId.put(ids[i], i);
      int[] picked = distinctSorted(r, spec.keywordsPerObject(), spec.vocabulary());
      List<String> words = new ArrayList<>(picked.length);
      for (int w : picked) {
        String word = keyword(w);
        words.add(word);
        post.computeIfAbsent(word, k -> new ArrayList<>()).add(i);
      }
      kws.add(List.copyOf(words));
    }
    keywords = List.copyOf(kws);
    postings = new HashMap<>(post.size() * 2);
    post.forEach((k, v) -> postings.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    manifests = new AtomicReferenceArray<>(n);
  }

  /** The object's name; its id is the SHA-1 of this name. */
  public String name(int object) {
    return "obj-" + object + "-s" + seed;
  }

  /** A keyword's spelling. */
  public static String keyword(int word) {
    return "kw" + word;
  }

  public long seed() {
    return seed;
  }

  public ObjectsSpec spec() {
    return spec;
  }

  public int size() {
    return ids.length;
  }

  public Key id(int object) {
    return ids[object];
  }

  /** The object index for an id, or -1 when no object has it. */
  public int indexOf(Key id) {
    Integer i = byId.get(id);
    return i == null ? -1 : i;
  }

  public List<String> keywords(int object) {
    return keywords.get(object);
  }

  /** Objects carrying all the given keywords, in ascending index order. */
  public int[] matching(Collection<String> query) {
    int[] result = null;
    for (String word : query) {
      int[] p = postings.get(word);
      if (p == null) {
        return new int[0];
      }
      result = result == null ? p.clone() : intersect(result, p);
    }
    return result == null ? new int[0] : result;
  }

  /** True when {@code object} carries every keyword of {@code query}. */
  public boolean matches(int object, Collection<String> query) {
    return keywords.get(object).containsAll(query);
  }

  /** The manifest, made on first use (its chunks are hashed once, when a check first needs them). */
  public Manifest manifest(int object) {
    Manifest m = manifests.get(object);
    if (m == null) {
      m = computeManifest(object);
      if (!manifests.compareAndSet(object, null, m)) {
        m = manifests.get(object);
      }
    }
    return m;
  }

  /** The bytes of one chunk. */
  public byte[] chunk(int object, int chunk) {
    int len = (int) Math.min(spec.chunkSize(), spec.size() - (long) chunk * spec.chunkSize());
    return ChunkBytes.generate(seed, object, chunk, len);
  }

  /** The object's manifest; its chunk hashes are computed when first read ({@link Manifest}). */
  private Manifest computeManifest(int object) {
    return Manifest.lazy(ids[object], object, name(object), keywords.get(object), spec.size(),
        spec.chunkSize(), () -> chunkHashes(object));
  }

  /** The SHA-256 of every chunk of {@code object}, 32 bytes each. */
  private byte[] chunkHashes(int object) {
    int n = Manifest.chunkCount(spec.size(), spec.chunkSize());
    byte[] hashes = new byte[n * 32];
    for (int c = 0; c < n; c++) {
      System.arraycopy(Manifest.sha256(chunk(object, c)), 0, hashes, c * 32, 32);
    }
    return hashes;
  }

  /** {@code k} distinct values from [0, bound), ascending (Floyd's sampling). */
  static int[] distinctSorted(SplittableRandom r, int k, int bound) {
    if (k == 0) {
      return new int[0]; // draws nothing, as the loop would; objects without keywords are common
    }
    java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
    for (int j = bound - k; j < bound; j++) {
      int t = r.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] intersect(int[] a, int[] b) {
    int[] out = new int[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[k++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, k);
  }
}
