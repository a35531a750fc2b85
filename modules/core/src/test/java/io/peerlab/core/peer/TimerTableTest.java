package io.peerlab.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTableTest {

  @Test
  void aFreedSlotIsReusedUnderANewHandleAndTheOldOneNoLongerMatches() {
    TimerTable t = new TimerTable();
    long a = t.add(1, "a");
    long b = t.add(2, "b");
    assertThat(a).isNotZero().isNotEqualTo(b);
    assertThat(t.contains(a)).isTrue();
    assertThat(t.owner(b)).isEqualTo(2);
    assertThat(t.key(b)).isEqualTo("b");

    assertThat(t.remove(a)).isTrue();
    assertThat(t.remove(a)).isFalse();
    long c = t.add(0, "c"); // takes a's slot
    assertThat((int) c).isEqualTo((int) a);
    assertThat(c).isNotEqualTo(a);
    assertThat(t.contains(a)).isFalse();
    assertThat(t.contains(c)).isTrue();
    assertThat(t.owner(c)).isZero();
    assertThat(t.key(c)).isEqualTo("c");
    assertThat(t.size()).isEqualTo(2);
  }

  @Test
  void growsKeepsEveryLiveTimerAndClearEndsThemAll() {
    TimerTable t = new TimerTable();
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      handles.add(t.add(i % 3, i));
    }
    for (int i = 0; i < 100; i += 2) {
      assertThat(t.remove(handles.get(i))).isTrue();
    }
    for (int i = 0; i < 100; i++) {
      long h = handles.get(i);
      assertThat(t.contains(h)).isEqualTo(i % 2 == 1);
      if (i % 2 == 1) {
        assertThat(t.key(h)).isEqualTo(i);
        assertThat(t.owner(h)).isEqualTo(i % 3);
      }
    }
    assertThat(t.size()).isEqualTo(50);
    t.clear();
    assertThat(t.size()).isZero();
    assertThat(handles).noneMatch(t::contains);
    assertThat(t.contains(0)).isFalse();
    assertThat(t.contains(-1)).isFalse();
  }
}
