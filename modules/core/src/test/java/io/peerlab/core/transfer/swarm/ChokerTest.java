package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.transfer.swarm.Choker.Candidate;
import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChokerTest {
  private static List<Candidate> candidates(long... rates) {
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < rates.length; i++) {
      out.add(new Candidate(i, rates[i], false));
    }
    return out;
  }

  @Test
  void rechoke_unchokesTheBestUploadersPlusOneOptimistic() {
    SplittableRandom r = Seeds.random(1, "c");
    Choker.Choice c = Choker.rechoke(candidates(10, 50, 0, 40, 30, 0, 0), 4, -1, true, true, r);
    assertThat(c.unchoke()).hasSize(4).contains(1, 3, 4);
    assertThat(c.optimistic()).isNotIn(1, 3, 4).isGreaterThanOrEqualTo(0);
    assertThat(c.unchoke()).contains(c.optimistic());
  }

  @Test
  void rechoke_withoutOptimistic_givesEverySlotByRate() {
    SplittableRandom r = Seeds.random(1, "c");
    Choker.Choice c = Choker.rechoke(candidates(10, 50, 0, 40, 30), 4, -1, true, false, r);
    assertThat(c.unchoke()).containsExactlyInAnyOrder(0, 1, 3, 4);
    assertThat(c.optimistic()).isEqualTo(-1);
  }

  @Test
  void optimistic_isKeptUntilItIsDueToRotate() {
    SplittableRandom r = Seeds.random(1, "c");
    List<Candidate> cs = candidates(50, 40, 30, 0, 0, 0, 0);
    assertThat(Choker.rechoke(cs, 4, 5, false, true, r).optimistic()).isEqualTo(5);
    Set<Integer> rotated = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      rotated.add(Choker.rechoke(cs, 4, 5, true, true, r).optimistic());
    }
    assertThat(rotated).contains(3, 4, 6);
  }

  @Test
  void ties_goToPeersAlreadyUnchoked() {
    SplittableRandom r = Seeds.random(1, "c");
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      cs.add(new Candidate(i, 0, i >= 6));
    }
    for (int i = 0; i < 20; i++) {
      assertThat(Choker.rechoke(cs, 2, -1, true, false, r).unchoke())
          .containsExactlyInAnyOrder(6, 7);
    }
  }

  @Test
  void fewerInterestedThanSlots_unchokesAllOfThem() {
    SplittableRandom r = Seeds.random(1, "c");
    assertThat(Choker.rechoke(candidates(5, 0), 4, -1, true, true, r).unchoke())
        .containsExactlyInAnyOrder(0, 1);
  }

  /** Tit-for-tat: a peer that could give and never did is never the optimistic unchoke. */
  @Test
  void optimistic_skipsPeersThatMayNotHaveIt_andIsNotKeptForThem() {
    SplittableRandom r = Seeds.random(1, "c");
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      cs.add(new Candidate(i, 10 - i, false, i != 5 && i != 6));
    }
    Set<Integer> optimistic = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      optimistic.add(Choker.rechoke(cs, 3, -1, true, true, r).optimistic());
    }
    assertThat(optimistic).containsExactlyInAnyOrder(2, 3, 4, 7);
    // An optimistic unchoke that may no longer have it is replaced even before it is due.
    assertThat(Choker.rechoke(cs, 3, 5, false, true, r).optimistic()).isIn(2, 3, 4, 7);
  }

  /** When no interested peer may have the optimistic slot, it goes by rank rather than idle. */
  @Test
  void noOneMayHaveTheOptimisticSlot_itGoesByRank() {
    SplittableRandom r = Seeds.random(1, "c");
    List<Candidate> cs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cs.add(new Candidate(i, 10 - i, false, i < 2));
    }
    Choker.Choice c = Choker.rechoke(cs, 3, -1, true, true, r);
    assertThat(c.optimistic()).isEqualTo(-1);
    assertThat(c.unchoke()).containsExactlyInAnyOrder(0, 1, 2);
  }
}
