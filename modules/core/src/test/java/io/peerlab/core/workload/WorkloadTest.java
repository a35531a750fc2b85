package io.peerlab.core.workload;

import static io.peerlab.core.TestSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.content.Catalog;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private final Catalog catalog = new Catalog(42, TestSpecs.objects());

  @Test
  void closedLoop_dealsOpsRoundRobin_withTheConfiguredMix() {
    WorkloadSpec spec = TestSpecs.closed(7, 10_000, 100);
    Workload w = Workload.generate(42, spec, catalog);
    assertThat(w.scripts()).hasSize(7);
    assertThat(w.measuredOps()).isEqualTo(10_000);
    assertThat(w.warmupOps()).isEqualTo(100);
    Map<OpType, Integer> counts = new EnumMap<>(OpType.class);
    for (ClientScript s : w.scripts()) {
      assertThat(s.measured().size()).isBetween(10_000 / 7, 10_000 / 7 + 1);
      for (int i = 0; i < s.measured().size(); i++) {
        Op op = s.measured().get(i);
        assertThat(op.seq()).isEqualTo(i);
        assertThat(op.at()).isEqualTo(-1);
        counts.merge(op.type(), 1, Integer::sum);
        if (op.type() == OpType.SEARCH) {
          assertThat(op.keywords()).hasSize(1);
          assertThat(catalog.keywords(op.object())).containsAll(op.keywords());
        } else {
          assertThat(op.keywords()).isEmpty();
        }
      }
    }
    assertThat(counts.get(OpType.LOOKUP) / 10_000.0).isCloseTo(0.5, within(0.02));
    assertThat(counts.get(OpType.SEARCH) / 10_000.0).isCloseTo(0.2, within(0.02));
    assertThat(counts.get(OpType.FETCH) / 10_000.0).isCloseTo(0.3, within(0.02));
  }

  @Test
  void sameSeed_sameScripts_otherSeed_otherScripts() {
    WorkloadSpec spec = TestSpecs.closed(5, 500, 50);
    assertThat(Workload.generate(42, spec, catalog).scripts())
        .isEqualTo(Workload.generate(42, spec, catalog).scripts())
        .isNotEqualTo(Workload.generate(43, spec, catalog).scripts());
  }

  @Test
  void openLoop_isAPoissonScheduleAtTheRate() {
    WorkloadSpec spec =
        new WorkloadSpec(LoadMode.OPEN, 4, 4_000, 0, 200, 0, 0.5, 0.2, 0.3, 30 * SEC, 1);
    Workload w = Workload.generate(42, spec, catalog);
    long last = 0;
    for (ClientScript s : w.scripts()) {
      long prev = -1;
      for (Op op : s.measured()) {
        assertThat(op.at()).isGreaterThan(prev);
        prev = op.at();
      }
      last = Math.max(last, prev);
    }
    // 4000 ops at 200/s take about 20 s.
    assertThat(last / 1e9).isCloseTo(20.0, within(1.5));
  }

  @Test
  void flashCrowd_everyClientFetchesTheSameObjectOnceAtTimeZero() {
    WorkloadSpec spec =
        new WorkloadSpec(LoadMode.FLASH_CROWD, 9, 1, 10, 0, 0, 0.5, 0.2, 0.3, 30 * SEC, 1);
    Workload w = Workload.generate(42, spec, catalog);
    for (ClientScript s : w.scripts()) {
      assertThat(s.warmup()).isEmpty();
      assertThat(s.measured()).containsExactly(new Op(0, OpType.FETCH, 0, java.util.List.of(), 0));
    }
  }

  @Test
  void popularObjects_areAskedForMoreOften() {
    Workload w = Workload.generate(42, TestSpecs.closed(4, 20_000, 0), catalog);
    int[] perObject = new int[catalog.size()];
    w.scripts().forEach(s -> s.measured().forEach(op -> perObject[op.object()]++));
    assertThat(perObject[0]).isGreaterThan(perObject[10]).isGreaterThan(perObject[99]);
  }
}
