package io.peerlab.core.overlay.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Offer;
import io.peerlab.core.api.Role;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Forgery;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.common.IndexTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class CentralIndexTest {

  @Test
  void everyOpSucceeds_andContentMovesPeerToPeer_neverFromTheIndex() {
    SimRuns.Run run = SimRuns.run(TestSpecs.quickstart(CentralIndex.NAME));
    RunResult r = run.result();
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.health().errors()).isZero();
    for (RunResult.OpSummary o : r.figures().ops().values()) {
      assertThat(o.failed()).isZero();
      assertThat(o.hops().max()).isEqualTo(1.0);
    }
    assertThat(r.figures().ops().get("search").recall()).isEqualTo(1.0);
    assertThat(r.figures().load().serverShareOfContent()).isZero();
    long peerContent = 0;
    for (PeerStats p : run.outcome().peers()) {
      if (p.role() == Role.SERVER) {
        assertThat(p.contentBytesUploaded()).isZero();
        assertThat(p.messagesHandled()).isPositive();
      } else {
        assertThat(p.role()).isEqualTo(Role.BOTH);
        peerContent += p.contentBytesUploaded();
      }
    }
    assertThat(peerContent).isEqualTo(r.figures().ops().get("fetch").bytes());
    // Publishing and announcements are maintenance traffic, not op messages.
    assertThat(r.figures().messages().get("other")).isPositive();
  }

  @Test
  void indexTable_mapsIdsAndKeywordsToHolders() {
    Catalog c = new Catalog(1, TestSpecs.objects());
    IndexTable t = new IndexTable();
    t.add(c.manifest(3), 10);
    t.add(c.manifest(3), 11);
    t.add(c.manifest(3), 10);
    t.add(c.manifest(4), 12);
    assertThat(t.holders(c.id(3))).containsExactly(10, 11);
    assertThat(t.holders(c.id(5))).isEmpty();
    assertThat(t.manifest(c.id(4))).isEqualTo(c.manifest(4));
    assertThat(t.objects()).isEqualTo(2);
    String kw = c.keywords(3).get(0);
    assertThat(t.search(List.of(kw))).contains(c.id(3));
    assertThat(t.search(List.of(kw, "absent"))).isEmpty();
  }

  @Test
  void indexTable_keepsEachManifestPublishedForAnId_withThePeersThatPublishedIt() {
    Catalog c = new Catalog(1, TestSpecs.objects());
    Manifest genuine = c.manifest(3);
    Manifest forged = new Forgery(c).manifest(3);
    IndexTable t = new IndexTable();
    t.add(genuine, 10);
    t.add(forged, 20);
    t.add(forged, 21);
    t.add(genuine, 11);
    assertThat(t.objects()).isEqualTo(1);
    assertThat(t.manifest(c.id(3))).isEqualTo(genuine); // the first published
    assertThat(t.holders(c.id(3))).containsExactly(10, 11, 20, 21); // manifest by manifest
    assertThat(t.offers(c.id(3))).containsExactly(
        new Offer(genuine, new int[] {10, 11}), new Offer(forged, new int[] {20, 21}));
    assertThat(t.searchHits(c.keywords(3))).containsExactly(genuine, forged);
    t.removeHolder(10);
    t.removeHolder(11);
    assertThat(t.offers(c.id(3))).containsExactly(new Offer(forged, new int[] {20, 21}));
    t.removeHolder(20);
    t.removeHolder(21);
    assertThat(t.objects()).isZero();
    assertThat(t.search(c.keywords(3))).isEmpty();
  }
}
