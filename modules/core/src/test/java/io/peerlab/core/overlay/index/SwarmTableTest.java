package io.peerlab.core.overlay.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.SwarmEvent;
import io.peerlab.core.id.Key;
import io.peerlab.core.util.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SwarmTableTest {
  private final Key object = Key.sha1("obj");

  @Test
  void sample_returnsOtherMembersWithoutRepeats() {
    SwarmTable t = new SwarmTable();
    for (int p = 1; p <= 20; p++) {
      t.update(object, p, SwarmEvent.STARTED);
    }
    SplittableRandom r = Seeds.random(1, "t");
    int[] s = t.sample(object, 7, 10, r);
    assertThat(s).hasSize(10).doesNotContain(7);
    assertThat(Arrays.stream(s).distinct().count()).isEqualTo(10);
    assertThat(t.sample(object, 7, 100, r)).hasSize(19);
  }

  @Test
  void stopped_removesAMember_andEmptySwarmsVanish() {
    SwarmTable t = new SwarmTable();
    t.update(object, 1, SwarmEvent.STARTED);
    t.update(object, 2, SwarmEvent.COMPLETED);
    assertThat(t.size(object)).isEqualTo(2);
    t.update(object, 1, SwarmEvent.STOPPED);
    assertThat(t.sample(object, 3, 5, Seeds.random(1, "t"))).containsExactly(2);
    t.update(object, 2, SwarmEvent.STOPPED);
    assertThat(t.swarms()).isZero();
  }

  @Test
  void events_sayWhenTheTrackerAnswers() {
    assertThat(SwarmEvent.STARTED.wantsMembers()).isTrue();
    assertThat(SwarmEvent.UPDATE.wantsMembers()).isTrue();
    assertThat(SwarmEvent.COMPLETED.wantsMembers()).isFalse();
    assertThat(SwarmEvent.STOPPED.wantsMembers()).isFalse();
  }
}
