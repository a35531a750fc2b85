package io.peerlab.core.content;

import io.peerlab.core.id.Key;
import io.peerlab.core.net.Wire;
import io.peerlab.core.util.Digests;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a peer needs to download and verify an object: its id, name, keywords, size, chunk size and
 * the SHA-256 of every chunk (BitTorrent's "pieces", BEP 3). Immutable; {@code chunkHashes} holds
 * {@code 32 * chunkCount()} bytes and is never written after construction.
 *
 * <p>A manifest is trusted as given (it comes from the index, the server or the DHT, like a
 * .torrent file from a trusted source); chunks are not, and each is checked with {@link #verify}.
 *
 * <p>A catalog's manifests hash their chunks on first use of {@link #chunkHashes} (a fetch that
 * verifies a chunk, a content-id check, an equality test), not when they are made: publishing
 * 10,000 objects to a DHT that is only looked up in hashes nothing. The hashes are a function of
 * the seed and the object, so when they are computed changes no result. (A class rather than a
 * record for that reason alone; its accessors are a record's.)
 */
public final class Manifest {
  private final Key id;
  private final int index;
  private final String name;
  private final List<String> keywords;
  private final long size;
  private final int chunkSize;
  /** Null until computed by {@link #hashes}; then never written again. */
  private volatile byte[] chunkHashes;
  /** Computes {@link #chunkHashes} once; null once it has (or when they were given). */
  private transient Supplier<byte[]> pending;
  /** {@link #wireSize}, asked at every hop of a message that carries this manifest. */
  private final transient int wireSize;

  public Manifest(
      Key id, int index, String name, List<String> keywords, long size, int chunkSize, byte[] chunkHashes) {
    this(id, index, name, keywords, size, chunkSize, chunkHashes, null);
    checked(chunkHashes);
  }

  /** A manifest whose chunk hashes {@code hashes} computes when first needed. */
  static Manifest lazy(
      Key id, int index, String name, List<String> keywords, long size, int chunkSize,
      Supplier<byte[]> hashes) {
    return new Manifest(id, index, name, keywords, size, chunkSize, null, Objects.requireNonNull(hashes));
  }

  private Manifest(
      Key id, int index, String name, List<String> keywords, long size, int chunkSize, byte[] chunkHashes,
      Supplier<byte[]> pending) {
    if (size <= 0 || chunkSize <= 0) {
      throw new IllegalArgumentException("size and chunkSize must be positive");
    }
    this.id = id;
    this.index = index;
    this.name = name;
    this.keywords = List.copyOf(keywords);
    this.size = size;
    this.chunkSize = chunkSize;
    this.chunkHashes = chunkHashes;
    this.pending = pending;
    this.wireSize = Wire.KEY + Wire.INT + Wire.string(name) + Wire.strings(this.keywords) + 8 + Wire.INT
        + chunkCount(size, chunkSize) * Wire.SHA256;
  }

  /** {@code chunkHashes}, after checking it holds one hash per chunk (size and chunk size are). */
  private byte[] checked(byte[] chunkHashes) {
    int n = chunkCount(size, chunkSize);
    if (chunkHashes.length != n * Wire.SHA256) {
      throw new IllegalArgumentException(
          "expected " + n + " chunk hashes, got " + chunkHashes.length / Wire.SHA256);
    }
    return chunkHashes;
  }

  public Key id() {
    return id;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  public List<String> keywords() {
    return keywords;
  }

  public long size() {
    return size;
  }

  public int chunkSize() {
    return chunkSize;
  }

  /** The SHA-256 of every chunk, 32 bytes each, in chunk order (computed here on first use). */
  public byte[] chunkHashes() {
    byte[] h = chunkHashes;
    return h != null ? h : hashes();
  }

  private synchronized byte[] hashes() {
    if (chunkHashes == null) {
      chunkHashes = checked(pending.get());
      pending = null;
    }
    return chunkHashes;
  }

  public static int chunkCount(long size, int chunkSize) {
    return (int) ((size + chunkSize - 1) / chunkSize);
  }

  public int chunkCount() {
    return chunkCount(size, chunkSize);
  }

  /** Length in bytes of chunk {@code i}; the last chunk may be short. */
  public int chunkLength(int i) {
    if (i < 0 || i >= chunkCount()) {
      throw new IndexOutOfBoundsException("chunk " + i + " of " + chunkCount());
    }
    long start = (long) i * chunkSize;
    return (int) Math.min(chunkSize, size - start);
  }

  /** True when {@code data} is exactly chunk {@code i} (length and SHA-256 both match). */
  public boolean verify(int i, byte[] data) {
    if (i < 0 || i >= chunkCount() || data == null || data.length != chunkLength(i)) {
      return false;
    }
    byte[] digest = sha256(data);
    return Arrays.equals(
        chunkHashes(), i * Wire.SHA256, (i + 1) * Wire.SHA256, digest, 0, Wire.SHA256);
  }

  /**
   * The content id: SHA-1 over size, chunk size and every chunk's SHA-256 (BitTorrent's info
   * hash, in spirit). Two manifests with the same id but different chunks have different content
   * ids, so a manifest forged for an object is told from the object's own by this value (checked
   * with {@code fetch.verify-manifests}; docs/adversary.md).
   */
  public Key contentId() {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
      md.update(java.nio.ByteBuffer.allocate(12).putLong(size).putInt(chunkSize).array());
      md.update(chunkHashes());
      return Key.ofBytes(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** Size of this manifest on the wire (it needs no hash: their count is known). */
  public int wireSize() {
    return wireSize;
  }

  public static byte[] sha256(byte[] data) {
    return Digests.sha256(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m
        && id.equals(m.id)
        && index == m.index
        && name.equals(m.name)
        && keywords.equals(m.keywords)
        && size == m.size
        && chunkSize == m.chunkSize
        && (this == m || Arrays.equals(chunkHashes(), m.chunkHashes()));
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[" + name + " " + id.shortHex() + ", " + size + " B in " + chunkCount()
        + " chunks, keywords=" + keywords + "]";
  }
}
