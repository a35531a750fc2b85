package io.peerlab.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final ObjectsSpec spec = new ObjectsSpec(50, 150_000, 64 * 1024, 0.8, 3, 40, 1);

  @Test
  void manifest_verifiesEveryGeneratedChunk_andRejectsAnyChange() {
    Catalog c = new Catalog(42, spec);
    Manifest m = c.manifest(7);
    assertThat(m.chunkCount()).isEqualTo(3);
    assertThat(m.chunkLength(2)).isEqualTo(150_000 - 2 * 64 * 1024);
    for (int i = 0; i < m.chunkCount(); i++) {
      byte[] data = c.chunk(7, i);
      assertThat(m.verify(i, data)).isTrue();
      byte[] flipped = data.clone();
      flipped[data.length / 2] ^= 1;
      assertThat(m.verify(i, flipped)).isFalse();
      assertThat(m.verify(i, java.util.Arrays.copyOf(data, data.length - 1))).isFalse();
    }
    assertThat(m.verify(0, c.chunk(7, 1))).isFalse();
    assertThat(m.verify(0, c.chunk(8, 0))).isFalse();
    assertThat(m.verify(5, c.chunk(7, 0))).isFalse();
  }

  @Test
  void catalog_isAPureFunctionOfSeedAndSpec() {
    Catalog a = new Catalog(42, spec);
    Catalog b = new Catalog(42, spec);
    Catalog other = new Catalog(43, spec);
    for (int i = 0; i < spec.count(); i++) {
      assertThat(a.id(i)).isEqualTo(b.id(i)).isNotEqualTo(other.id(i));
      assertThat(a.keywords(i)).isEqualTo(b.keywords(i)).hasSize(3).doesNotHaveDuplicates();
      assertThat(a.indexOf(a.id(i))).isEqualTo(i);
    }
    assertThat(a.manifest(3)).isEqualTo(b.manifest(3));
  }

  @Test
  void matching_findsExactlyTheObjectsCarryingEveryKeyword() {
    Catalog c = new Catalog(1, spec);
    for (int w1 = 0; w1 < 40; w1++) {
      for (int w2 : new int[] {w1, (w1 + 7) % 40}) {
        List<String> q = w1 == w2 ? List.of(Catalog.keyword(w1)) : List.of(Catalog.keyword(w1), Catalog.keyword(w2));
        List<Integer> brute = new ArrayList<>();
        for (int o = 0; o < spec.count(); o++) {
          if (c.keywords(o).containsAll(q)) {
            brute.add(o);
          }
        }
        assertThat(c.matching(q)).containsExactly(brute.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    assertThat(c.matching(List.of("no-such-word"))).isEmpty();
  }

  @Test
  void chunkBytes_areDeterministicAndDistinct() {
    byte[] a = ChunkBytes.generate(1, 2, 3, 1000);
    assertThat(ChunkBytes.generate(1, 2, 3, 1000)).isEqualTo(a);
    assertThat(ChunkBytes.generate(1, 2, 4, 1000)).isNotEqualTo(a);
    assertThat(ChunkBytes.generate(2, 2, 3, 1000)).isNotEqualTo(a);
    assertThat(ChunkBytes.generate(1, 2, 3, 13)).hasSize(13);
  }

  @Test
  void chunkBytes_areTheSeededLongsLeastSignificantByteFirst() {
    // The content every run since the first has produced (and every chunk hash depends on).
    for (int length : new int[] {0, 7, 8, 13, 16_384}) {
      java.util.SplittableRandom r =
          new java.util.SplittableRandom(io.peerlab.core.util.Seeds.derive(9, "chunk", (5L << 32) | 6));
      byte[] expected = new byte[length];
      long v = 0;
      for (int i = 0; i < length; i++) {
        if (i % 8 == 0) {
          v = r.nextLong();
        }
        expected[i] = (byte) (v >>> (8 * (i % 8)));
      }
      assertThat(ChunkBytes.generate(9, 5, 6, length)).isEqualTo(expected);
    }
  }

  @Test
  void manifest_wireSizeCountsItsHashes() {
    Catalog c = new Catalog(42, TestSpecs.objects());
    Manifest m = c.manifest(0);
    assertThat(m.wireSize()).isGreaterThan(m.chunkCount() * 32);
  }

  @Test
  void manifest_hashesItsChunksWhenFirstRead_toWhatAnEagerManifestHolds() {
    Catalog c = new Catalog(42, spec);
    Manifest lazy = c.manifest(7);
    int wire = lazy.wireSize(); // known before any chunk is hashed
    byte[] hashes = new byte[lazy.chunkCount() * 32];
    for (int i = 0; i < lazy.chunkCount(); i++) {
      System.arraycopy(Manifest.sha256(c.chunk(7, i)), 0, hashes, i * 32, 32);
    }
    Manifest eager = new Manifest(lazy.id(), 7, lazy.name(), lazy.keywords(), lazy.size(), lazy.chunkSize(), hashes);
    assertThat(lazy.chunkHashes()).isEqualTo(hashes);
    assertThat(lazy.chunkHashes()).isSameAs(lazy.chunkHashes());
    assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
    assertThat(eager.wireSize()).isEqualTo(wire);
    assertThat(lazy.contentId()).isEqualTo(eager.contentId());
    assertThat(c.manifest(7)).isSameAs(lazy);
    // A manifest that differs in one hash is another manifest.
    byte[] other = hashes.clone();
    other[40] ^= 1;
    assertThat(lazy).isNotEqualTo(new Manifest(lazy.id(), 7, lazy.name(), lazy.keywords(), lazy.size(),
        lazy.chunkSize(), other));
  }
}
