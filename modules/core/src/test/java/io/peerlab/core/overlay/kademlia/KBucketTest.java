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

  // ---- churn: failures in a row, replacement cache ----

  @Test
  void failed_evictsAfterMaxFailuresInARowAndAnswerResetsTheCount() {
    KBucket b = full(0);
    assertThat(b.failed(2, 10, 3)).isFalse();
    assertThat(b.failed(2, 11, 3)).isFalse();
    assertThat(b.failures(2)).isEqualTo(2);
    b.offer(2, 12, K, STALE); // it answered something: the count starts again
    assertThat(b.failures(2)).isZero();
    assertThat(b.failed(2, 13, 3)).isFalse();
    assertThat(b.failed(2, 14, 3)).isFalse();
    assertThat(b.failed(2, 15, 3)).isTrue();
    assertThat(b.contacts()).containsExactly(1, 3);
  }

  @Test
  void failed_refillsFromTheMostRecentReplacement() {
    KBucket b = full(0);
    // Fresh contacts: the newcomers are dropped from the bucket but kept as replacements.
    b.offer(7, 5, K, STALE);
    b.offer(8, 6, K, STALE);
    b.offer(7, 7, K, STALE); // seen again: now the most recent
    assertThat(b.replacements()).containsExactly(8, 7);
    assertThat(b.failed(1, 8, 1)).isTrue();
    assertThat(b.contacts()).containsExactly(2, 3, 7);
    assertThat(b.replacements()).containsExactly(8);
    assertThat(b.failed(2, 9, 1)).isTrue();
    assertThat(b.failed(3, 9, 1)).isTrue();
    assertThat(b.contacts()).containsExactly(7, 8);
    assertThat(b.replacements()).isEmpty();
  }

  @Test
  void replacements_keepAtMostCapacityMostRecentLast() {
    KBucket b = full(0);
    for (int c = 10; c < 20; c++) {
      b.offer(c, c, K, STALE);
    }
    assertThat(b.replacements()).containsExactly(17, 18, 19);
  }

  /**
   * A bucket that held more than k contacts (its range was the peer's own neighbourhood) and
   * remembered more than k newcomers meanwhile, then is called with capacity k (closer contacts
   * arrived): the replacement cache shrinks to the k most recently seen. It used to grow its array
   * to the new, smaller capacity while holding more, and the next newcomer threw
   * ArrayIndexOutOfBoundsException.
   */
  @Test
  void replacements_shrinkToTheNewCapacityWhenItFalls() {
    KBucket b = new KBucket();
    long never = Long.MAX_VALUE;
    for (int c = 1; c <= 40; c++) {
      b.offer(c, c, 40, never);
    }
    for (int c = 101; c <= 130; c++) {
      b.offer(c, 100 + c, 40, never);
    }
    assertThat(b.replacements()).hasSize(30).startsWith(101).endsWith(130);
    for (int c = 201; c <= 205; c++) {
      assertThat(b.offer(c, 300 + c, 20, never)).isEqualTo(KBucket.NO_PING);
    }
    int[] expected = new int[20];
    for (int i = 0; i < 15; i++) {
      expected[i] = 116 + i;
    }
    for (int i = 0; i < 5; i++) {
      expected[15 + i] = 201 + i;
    }
    assertThat(b.replacements()).containsExactly(expected);
    assertThat(b.contacts()).hasSize(40);
  }

  @Test
  void failedRpcOfThePingedContact_evictsItForTheWaitingNewcomer() {
    KBucket b = full(0);
    b.offer(7, 5, K, STALE); // fresh bucket: dropped, kept as a replacement
    assertThat(b.offer(9, 500, K, STALE)).isEqualTo(1);
    assertThat(b.failed(1, 510, 5)).isTrue(); // a failed RPC to the contact being pinged evicts it
    assertThat(b.contacts()).containsExactly(2, 3, 9);
    assertThat(b.replacements()).containsExactly(7);
  }
}
