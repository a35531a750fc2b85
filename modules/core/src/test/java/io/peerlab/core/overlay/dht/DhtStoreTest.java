package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.id.Key;
import org.junit.jupiter.api.Test;

class DhtStoreTest {
  private final Catalog catalog = new Catalog(3, new ObjectsSpec(5, 1024, 512, 0, 2, 4, 1));

  @Test
  void putObject_addsEachHolderOnceInOrder() {
    DhtStore s = new DhtStore();
    Manifest m = catalog.manifest(2);
    s.putObject(m, 9);
    s.putObject(m, 4);
    s.putObject(m, 9);
    assertThat(s.object(m.id()).manifest()).isEqualTo(m);
    assertThat(s.object(m.id()).holders()).containsExactly(9, 4);
    assertThat(s.object(catalog.id(1))).isNull();
  }

  @Test
  void aRivalManifest_isKeptAside_andNeverMixesItsHoldersIntoTheRecord() {
    DhtStore s = new DhtStore();
    Manifest genuine = catalog.manifest(1);
    Manifest forged = new io.peerlab.core.content.Forgery(catalog).manifest(1);
    s.putObject(forged, 7); // first come, first kept
    s.putObject(genuine, 3);
    s.putObject(forged, 8);
    s.putObject(genuine, 4);
    assertThat(s.object(genuine.id()).manifest()).isEqualTo(forged);
    assertThat(s.object(genuine.id()).holders()).containsExactly(7, 8);
    assertThat(s.rivals(genuine.id())).containsExactly(
        new DhtStore.ObjectRecord(genuine, new int[] {3, 4}));
    s.removeObject(genuine.id());
    assertThat(s.rivals(genuine.id())).isEmpty();
    assertThat(s.rivals(catalog.id(2))).isEmpty();
  }

  @Test
  void putPosting_keepsIdsAscendingWithTheirHolders() {
    DhtStore s = new DhtStore();
    Key kw = Keywords.key("kw1");
    s.putPosting(kw, catalog.id(3), 1);
    s.putPosting(kw, catalog.id(0), 2);
    s.putPosting(kw, catalog.id(3), 5);
    assertThat(s.postings(kw)).isSorted().containsExactlyInAnyOrder(catalog.id(0), catalog.id(3));
    assertThat(s.postingHolders(kw, catalog.id(3))).containsExactly(1, 5);
    assertThat(s.postings(Keywords.key("kw2"))).isNull();
  }

  @Test
  void keywordKeys_differFromObjectIds() {
    for (int o = 0; o < catalog.size(); o++) {
      for (String w : catalog.keywords(o)) {
        assertThat(Keywords.key(w)).isNotEqualTo(catalog.id(o));
      }
    }
  }
}
