package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.util.Seeds;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
  private static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  @Test
  void pick_takesTheRarestChunkThePeerHas() {
    int[] availability = {5, 1, 3, 1, 2};
    int[] requested = new int[5];
    SplittableRandom r = Seeds.random(1, "t");
    int k = PiecePicker.pick(bits(0, 2, 3, 4), new BitSet(), requested, availability, 4, 1, r);
    assertThat(k).isEqualTo(3);
  }

  @Test
  void pick_skipsChunksHeldOrRequested() {
    int[] availability = {1, 1, 1, 9};
    int[] requested = {0, 1, 0, 0};
    SplittableRandom r = Seeds.random(1, "t");
    int k = PiecePicker.pick(bits(0, 1, 2, 3), bits(0, 2), requested, availability, 2, 1, r);
    assertThat(k).isEqualTo(3);
    assertThat(PiecePicker.pick(bits(0, 1, 2), bits(0, 2), requested, availability, 2, 1, r))
        .isEqualTo(-1);
  }

  @Test
  void pick_isUniformlyRandomBeforeTheFirstChunks() {
    int[] availability = {1, 50, 50, 50};
    int[] requested = new int[4];
    SplittableRandom r = Seeds.random(2, "t");
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(PiecePicker.pick(bits(0, 1, 2, 3), new BitSet(), requested, availability, 0, 1, r));
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
    // After the random-first phase, the rare chunk 0 always wins.
    assertThat(PiecePicker.pick(bits(0, 1, 2, 3), new BitSet(), requested, availability, 1, 1, r))
        .isZero();
  }

  @Test
  void pick_breaksTiesAtRandom() {
    int[] availability = {2, 2, 2};
    int[] requested = new int[3];
    SplittableRandom r = Seeds.random(3, "t");
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      seen.add(PiecePicker.pick(bits(0, 1, 2), new BitSet(), requested, availability, 5, 1, r));
    }
    assertThat(seen).hasSize(3);
  }

  @Test
  void endgame_asksEachChunkAtMostTwiceAndNeverTwiceOfOnePeer() {
    int[] availability = {1, 1, 1};
    int[] requested = {1, 2, 1};
    BitSet have = bits();
    assertThat(PiecePicker.allRequested(have, 3, requested)).isTrue();
    assertThat(PiecePicker.pickEndgame(bits(0, 1, 2), have, bits(0), requested, availability))
        .isEqualTo(2);
    assertThat(PiecePicker.pickEndgame(bits(1), have, bits(), requested, availability))
        .isEqualTo(-1);
    assertThat(PiecePicker.allRequested(have, 3, new int[] {1, 0, 1})).isFalse();
  }
}
