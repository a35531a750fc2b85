package io.peerlab.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import org.junit.jupiter.api.Test;

class ForgeryTest {
  private final Catalog catalog = new Catalog(7, TestSpecs.objects());

  @Test
  void aForgedManifest_differsFromTheGenuineOneOnlyInItsChunks_andSoInItsContentId() {
    Forgery forgery = new Forgery(catalog);
    Manifest genuine = catalog.manifest(2);
    Manifest forged = forgery.manifest(2);
    assertThat(forged.id()).isEqualTo(genuine.id());
    assertThat(forged.index()).isEqualTo(genuine.index());
    assertThat(forged.name()).isEqualTo(genuine.name());
    assertThat(forged.keywords()).isEqualTo(genuine.keywords());
    assertThat(forged.size()).isEqualTo(genuine.size());
    assertThat(forged.chunkSize()).isEqualTo(genuine.chunkSize());
    assertThat(forged).isNotEqualTo(genuine);
    assertThat(forged.contentId()).isNotEqualTo(genuine.contentId());
    // The same forgery at every poisoner (and host): they collude.
    assertThat(new Forgery(catalog).manifest(2)).isEqualTo(forged);
  }

  @Test
  void junkChunks_passTheForgedManifest_andFailTheGenuineOne() {
    Forgery forgery = new Forgery(catalog);
    Manifest genuine = catalog.manifest(4);
    Manifest forged = forgery.manifest(4);
    for (int c = 0; c < forged.chunkCount(); c++) {
      byte[] junk = forgery.chunk(4, c);
      assertThat(forged.verify(c, junk)).isTrue();
      assertThat(genuine.verify(c, junk)).isFalse();
      assertThat(forged.verify(c, catalog.chunk(4, c))).isFalse();
    }
  }
}
