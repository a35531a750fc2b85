package io.peerlab.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.OpToken;
import io.peerlab.core.workload.OpType;
import org.junit.jupiter.api.Test;

class OpsInFlightTest {

  @Test
  void findsRemovesAndListsOpsInTheOrderTheyStarted() {
    OpsInFlight<String> ops = new OpsInFlight<>();
    long l0 = OpToken.of(OpType.LOOKUP, 7, 0);
    long s1 = OpToken.of(OpType.SEARCH, 7, 1);
    long f2 = OpToken.of(OpType.FETCH, 7, 2);
    long l3 = OpToken.of(OpType.LOOKUP, 7, 3);
    ops.put(l0, "l0");
    ops.put(s1, "s1");
    ops.put(f2, "f2");
    ops.put(l3, "l3");
    assertThat(ops.size()).isEqualTo(4);
    assertThat(ops.get(f2)).isEqualTo("f2");
    // Same sequence number, another type: not this op.
    assertThat(ops.get(OpToken.of(OpType.LOOKUP, 7, 2))).isNull();
    assertThat(ops.remove(s1)).isEqualTo("s1");
    assertThat(ops.remove(s1)).isNull();
    assertThat(ops.containsKey(s1)).isFalse();
    assertThat(ops.values()).containsExactly("l0", "f2", "l3");
    ops.clear();
    assertThat(ops.isEmpty()).isTrue();
    assertThat(ops.get(l0)).isNull();
  }

  @Test
  void anOpPutOutOfSequenceOrderIsStillFoundAndListedInOrder() {
    OpsInFlight<String> ops = new OpsInFlight<>();
    for (int seq : new int[] {5, 1, 9, 3}) {
      ops.put(OpToken.of(OpType.LOOKUP, 2, seq), "op" + seq);
    }
    assertThat(ops.values()).containsExactly("op1", "op3", "op5", "op9");
    assertThat(ops.get(OpToken.of(OpType.LOOKUP, 2, 9))).isEqualTo("op9");
    assertThat(ops.get(OpToken.of(OpType.LOOKUP, 2, 4))).isNull();
  }
}
