package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.STABLE;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The objects one peer holds and can serve. Content is not stored: a holder generates chunk bytes
 * from the catalog on demand ({@link io.peerlab.core.content.ChunkBytes}), so memory stays small
 * however many objects a peer holds. A server of a client-server topology holds everything.
 */
@API(status = STABLE, since = "0.1")
public final class ObjectStore {
  private final Catalog catalog;
  private final boolean all;
  /** Held objects; null while none (most peers of a large run hold nothing). */
  private Set<Integer> held;
  private final Map<Long, byte[]> stored = new HashMap<>();
  private long storedBytes;

  private ObjectStore(Catalog catalog, boolean all, Collection<Integer> initial) {
    this.catalog = catalog;
    this.all = all;
    this.held = initial.isEmpty() ? null : new HashSet<>(initial);
  }

  public static ObjectStore empty(Catalog catalog) {
    return new ObjectStore(catalog, false, List.of());
  }

  public static ObjectStore of(Catalog catalog, Collection<Integer> objects) {
    return new ObjectStore(catalog, false, objects);
  }

  public static ObjectStore everything(Catalog catalog) {
    return new ObjectStore(catalog, true, List.of());
  }

  public boolean has(int object) {
    return object >= 0 && (all ? object < catalog.size() : held != null && held.contains(object));
  }

  public boolean has(Key id) {
    return has(catalog.indexOf(id));
  }

  /** Index of the object with this id, or -1 when this store does not hold it. */
  public int indexOf(Key id) {
    int i = catalog.indexOf(id);
    return has(i) ? i : -1;
  }

  public void add(int object) {
    if (!all) {
      if (held == null) {
        held = new HashSet<>();
      }
      held.add(object);
    }
  }

  public int count() {
    return all ? catalog.size() : held == null ? 0 : held.size();
  }

  /** Held objects, ascending. */
  public List<Integer> objects() {
    List<Integer> out = new ArrayList<>();
    if (all) {
      for (int i = 0; i < catalog.size(); i++) {
        out.add(i);
      }
    } else if (held != null) {
      out.addAll(held);
      out.sort(null);
    }
    return out;
  }

  public Manifest manifest(int object) {
    return catalog.manifest(object);
  }

  public Key id(int object) {
    return catalog.id(object);
  }

  public List<String> keywords(int object) {
    return catalog.keywords(object);
  }

  /** Held objects that carry every keyword of the query, ascending. */
  public List<Integer> matching(Collection<String> query) {
    List<Integer> out = new ArrayList<>();
    if (all) {
      for (int i : catalog.matching(query)) {
        out.add(i);
      }
    } else if (held != null) {
      for (int i : held) {
        if (catalog.matches(i, query)) {
          out.add(i);
        }
      }
      out.sort(null);
    }
    return out;
  }

  /** Number of chunks of an object (from the object spec; no hashing needed). */
  public int chunkCount(int object) {
    return io.peerlab.core.content.Manifest.chunkCount(
        catalog.spec().size(), catalog.spec().chunkSize());
  }

  /**
   * The bytes of a chunk: the bytes kept by {@link #putChunk} if any, else generated from the
   * catalog. Callers must not modify the array.
   */
  public byte[] chunk(int object, int chunk) {
    byte[] kept = stored.isEmpty() ? null : stored.get(chunkKey(object, chunk));
    return kept != null ? kept : catalog.chunk(object, chunk);
  }

  /** Keep the (verified) bytes of one downloaded chunk; later {@link #chunk} calls serve them. */
  public void putChunk(int object, int chunk, byte[] data) {
    byte[] old = stored.put(chunkKey(object, chunk), data);
    storedBytes += data.length - (old == null ? 0 : old.length);
  }

  /** The kept bytes of a chunk, or null if none were kept. */
  public byte[] storedChunk(int object, int chunk) {
    return stored.get(chunkKey(object, chunk));
  }

  /** Chunks kept by {@link #putChunk}. */
  public int storedChunks() {
    return stored.size();
  }

  /** Bytes kept by {@link #putChunk}. */
  public long storedBytes() {
    return storedBytes;
  }

  private static long chunkKey(int object, int chunk) {
    return ((long) object << 32) | (chunk & 0xFFFF_FFFFL);
  }
}
