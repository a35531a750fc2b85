package io.peerlab.core.content;

import io.peerlab.core.net.Wire;
import io.peerlab.core.util.Seeds;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The forged copies of a run's objects that {@code poison} peers announce (index poisoning, issue
 * 16; docs/adversary.md): the forged manifest of an object has the genuine one's id, index, name,
 * keywords, size and chunk size, but the SHA-256 of junk chunks, so it differs only in its {@link
 * Manifest#contentId() content id}. The junk is generated like real content ({@link ChunkBytes})
 * from a seed of its own, so a poisoner can serve chunks that pass the checks against its forged
 * manifest, and a peer that took the forged manifest downloads the object "successfully" until
 * the whole object is checked against the id it started from. The attackers collude: there is one
 * forgery per object, the same at every poisoner and on every host. Thread-safe like {@link
 * Catalog}: forged manifests are made on first use.
 */
public final class Forgery {
  private final Catalog catalog;
  private final long seed;
  private final AtomicReferenceArray<Manifest> forged;

  public Forgery(Catalog catalog) {
    this.catalog = catalog;
    this.seed = Seeds.derive(catalog.seed(), "forgery", 0);
    this.forged = new AtomicReferenceArray<>(catalog.size());
  }

  /** The forged manifest of {@code object} (a catalog index). */
  public Manifest manifest(int object) {
    Manifest m = forged.get(object);
    if (m == null) {
      Manifest genuine = catalog.manifest(object);
      int n = genuine.chunkCount();
      byte[] hashes = new byte[n * Wire.SHA256];
      for (int c = 0; c < n; c++) {
        System.arraycopy(
            Manifest.sha256(chunk(object, c)), 0, hashes, c * Wire.SHA256, Wire.SHA256);
      }
      m = new Manifest(genuine.id(), genuine.index(), genuine.name(), genuine.keywords(),
          genuine.size(), genuine.chunkSize(), hashes);
      if (!forged.compareAndSet(object, null, m)) {
        m = forged.get(object);
      }
    }
    return m;
  }

  /** The junk bytes of chunk {@code chunk} of the forged {@code object}: they match its hash. */
  public byte[] chunk(int object, int chunk) {
    long size = catalog.spec().size();
    int chunkSize = catalog.spec().chunkSize();
    int len = (int) Math.min(chunkSize, size - (long) chunk * chunkSize);
    return ChunkBytes.generate(seed, object, chunk, len);
  }
}
