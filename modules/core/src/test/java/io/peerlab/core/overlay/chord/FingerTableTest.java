package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerTableTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void set_matchesAPlainArrayOf160Fingers(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] plain = new int[FingerTable.SIZE];
    Arrays.fill(plain, 7);
    FingerTable t = new FingerTable(7);
    for (int step = 0; step < 2_000; step++) {
      int from = r.nextInt(FingerTable.SIZE);
      int to = from + 1 + r.nextInt(FingerTable.SIZE - from);
      int node = r.nextInt(6);
      Arrays.fill(plain, from, to, node);
      t.set(from, to, node);
      for (int i = 0; i < FingerTable.SIZE; i++) {
        assertThat(t.node(i)).as("finger %d after step %d", i, step).isEqualTo(plain[i]);
      }
      int distinctRuns = 1;
      for (int i = 1; i < FingerTable.SIZE; i++) {
        distinctRuns += plain[i] != plain[i - 1] ? 1 : 0;
      }
      assertThat(t.runs()).isEqualTo(distinctRuns);
    }
  }

  @Test
  void runs_startAtZeroAndAscend() {
    FingerTable t = new FingerTable(1);
    t.set(140, 150, 2);
    t.set(150, 160, 3);
    assertThat(t.runs()).isEqualTo(3);
    assertThat(t.runStart(0)).isZero();
    assertThat(t.runStart(1)).isEqualTo(140);
    assertThat(t.runStart(2)).isEqualTo(150);
    assertThat(t.distinct()).containsExactly(1, 2, 3);
  }

  @Test
  void aChangeThatKeepsTheRunCount_isWrittenInPlace_andLeavesEarlierCopiesAlone() {
    FingerTable t = new FingerTable(1);
    t.set(140, 160, 2);
    int[] before = t.distinct();
    t.set(140, 160, 3); // same two runs, another node: the table's own arrays are rewritten
    t.set(0, 10, 1); // names what it already names: no change
    assertThat(t.distinct()).containsExactly(1, 3);
    assertThat(t.node(139)).isEqualTo(1);
    assertThat(t.node(140)).isEqualTo(3);
    assertThat(before).containsExactly(1, 2);
  }
}
