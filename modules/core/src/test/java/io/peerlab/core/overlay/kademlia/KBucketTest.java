package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KBucketTest {
  private static final int K = 3;
  private static final long STALE = 100;

  private static KBucket full(long seenAt) {
    KBucket b = new KBucket();
    for (int c = 1; c <= K; c++) {
      assertThat(b.offer(c, seenAt + c, K, STALE)).isEqualTo(KBucket.NO_PING);
    }
    return b;
  }

  @Test
  void offer_appendsNewContactsLeastRecentlySeenFirst() {
    assertThat(full(0).contacts()).containsExactly(1, 2, 3);
  }

  @Test
  void offer_movesAKnownContactToTheTail() {
    KBucket b = full(0);
    assertThat(b.offer(1, 10, K, STALE)).isEqualTo(KBucket.NO_PING);
    assertThat(b.contacts()).containsExactly(2, 3, 1);
  }

  @Test
  void offer_pingsLeastRecentWhenBucketFullAndItIsStale() {
    KBucket b = full(0);
    assertThat(b.offer(9, 500, K, STALE)).isEqualTo(1);
    assertThat(b.pinging()).isEqualTo(1);
    assertThat(b.contacts()).containsExactly(1, 2, 3);
  }

  @Test
  void offer_dropsTheNewcomerWhenLeastRecentIsFresh() {
    KBucket b = full(0);
    assertThat(b.offer(9, 50, K, STALE)).isEqualTo(KBucket.NO_PING);
    assertThat(b.contacts()).containsExactly(1, 2, 3);
    assertThat(b.pinging()).isEqualTo(-1);
  }

  @Test
  void pingFailed_evictsLeastRecentAndTakesTheNewcomer() {
    KBucket b = full(0);
    b.offer(9, 500, K, STALE);
    b.pingFailed(1, 600);
    assertThat(b.contacts()).containsExactly(2, 3, 9);
    assertThat(b.pinging()).isEqualTo(-1);
  }

  @Test
  void pong_keepsLeastRecentAsMostRecentAndDropsTheNewcomer() {
    KBucket b = full(0);
    b.offer(9, 500, K, STALE);
    b.pong(1, 550);
    assertThat(b.contacts()).containsExactly(2, 3, 1);
    assertThat(b.contains(9)).isFalse();
    b.pingFailed(1, 700);
    assertThat(b.contacts()).as("a late timeout changes nothing").containsExactly(2, 3, 1);
  }

  @Test
  void offer_anyMessageFromThePingedContactCountsAsItsAnswer() {
    KBucket b = full(0);
    b.offer(9, 500, K, STALE);
    b.offer(1, 520, K, STALE);
    assertThat(b.pinging()).isEqualTo(-1);
    assertThat(b.contacts()).containsExactly(2, 3, 1);
  }

  @Test
  void offer_dropsFurtherNewcomersWhileAPingIsOut() {
    KBucket b = full(0);
    assertThat(b.offer(9, 500, K, STALE)).isEqualTo(1);
    assertThat(b.offer(8, 501, K, STALE)).isEqualTo(KBucket.NO_PING);
    b.pingFailed(1, 600);
    assertThat(b.contacts()).containsExactly(2, 3, 9);
  }

  @Test
  void offer_acceptsBeyondKWhenTheCallerAllowsIt() {
    KBucket b = full(0);
    assertThat(b.offer(9, 500, Integer.MAX_VALUE, STALE)).isEqualTo(KBucket.NO_PING);
    assertThat(b.contacts()).containsExactly(1, 2, 3, 9);
  }
}
