package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultsJson} writes what Jackson's data binding wrote ({@link JacksonResults}), byte for
 * byte: on a real sim run and on made-up reports with every optional group present or absent,
 * members, sweep sections, maps holding nulls, odd doubles and strings that need escaping. (Runs of
 * every shipped scenario are checked the same way in ShippedScenariosTest, a sweep in SweepTest.)
 */
class ResultsJsonTest {

  @Test
  void aRealRun_isWrittenAsJacksonWroteIt() {
    ScenarioReport report = new ScenarioRunner().run(ScenarioRunnerTest.small("sim"));
    assertThat(report.runs()).isNotEmpty();
    assertThat(ResultsWriter.json(report)).isEqualTo(JacksonResults.json(report));
  }

  @Test
  void madeUpReports_everyGroupPresentOrAbsent_areWrittenAsJacksonWroteThem() {
    SplittableRandom r = new SplittableRandom(20261205);
    for (int i = 0; i < 200; i++) {
      List<RunResult> runs = new ArrayList<>();
      for (int j = r.nextInt(4); j > 0; j--) {
        runs.add(run(r));
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("name", text(r));
      config.put("peers", r.nextInt(1, 100_000));
      config.put("nothing", null);
      config.put("nested", Map.of("list", List.of(1, 2.5, "x", true), "big", Long.MAX_VALUE));
      Sweep.Section sweep = r.nextBoolean() ? null : new Sweep.Section(List.of("peers"),
          List.of(Map.of("key", "peers", "values", List.of(10, 20))),
          List.of(Map.of("peers", 10), Map.of("peers", 20)));
      ScenarioReport report = new ScenarioReport(text(r), r.nextBoolean() ? "complete" : "running",
          r.nextLong(), "sim", "2026-12-05T13:00:00Z", "0.1.0", new ScenarioReport.Machine(2, "é \"java\"", "Linux", 1024),
          config, sweep, runs);
      assertThat(ResultsWriter.json(report)).as("report %d", i).isEqualTo(JacksonResults.json(report));
    }
  }

  @Test
  void aValueWithNoJsonForm_isRefused_notWrittenAsSomethingElse() {
    assertThatThrownBy(() -> ResultsJson.tree(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
  }

  private static RunResult run(SplittableRandom r) {
    Map<String, RunResult.OpSummary> ops = new LinkedHashMap<>();
    for (String op : List.of("lookup", "search", "fetch")) {
      if (r.nextBoolean()) {
        long ok = r.nextInt(3);
        Map<String, Long> failures = new HashMap<>();
        if (r.nextBoolean()) {
          failures.put("timeout", (long) r.nextInt(5));
        }
        ops.put(op, new RunResult.OpSummary(ok + 1, ok, 1, failures,
            new RunResult.Latency(d(r), d(r), d(r), d(r), d(r), d(r)), new RunResult.Hops(d(r), d(r), d(r), d(r)),
            new RunResult.Messages(d(r), r.nextLong(), d(r)), maybe(r, r.nextLong()), maybe(r, d(r)),
            maybe(r, d(r)), maybe(r, d(r)), maybe(r, (long) r.nextInt()), maybe(r, (long) r.nextInt()),
            maybe(r, d(r))));
      }
    }
    RunResult.Figures figures = new RunResult.Figures(ops, Map.of("lookup", 12L),
        new RunResult.LoadSummary(new RunResult.Spread(d(r), d(r), d(r)), new RunResult.Spread(d(r), d(r), d(r)),
            d(r), d(r), r.nextLong(), maybe(r, new RunResult.PerPeer(List.of(1L, 2L), List.of(3L)))),
        maybe(r, new RunResult.Maintenance(d(r), d(r), r.nextLong(), r.nextLong())), maybe(r, r.nextInt()),
        maybe(r, new RunResult.FreeRiders(1, 2, maybe(r, d(r)), 3, maybe(r, d(r)))),
        maybe(r, new RunResult.Adversary("drop", "random", 3, true, 2, 99)));
    List<Double> series = List.of(d(r), d(r));
    RunResult.Timeline timeline = maybe(r, new RunResult.Timeline(1000, series, series, series, series, series,
        Map.of("lookup", new RunResult.OpTimeline(List.of(1L), List.of(1L), List.of(0L), series, series)),
        List.of(new RunResult.PhaseStart("MEASURE", 12.5)), maybe(r, List.of(3, 4)), maybe(r, List.of(5L))));
    List<MemberFigures> members = r.nextBoolean() ? null : List.of(new MemberFigures("a@127.0.0.1", 3, 1, 2, 3, 4, 5, 6,
        7, 8, d(r), r.nextBoolean()));
    return new RunResult(new RunResult.Identity("chord", r.nextBoolean() ? null : "swarm", "sim", 64),
        new RunResult.Timing(d(r), maybe(r, d(r)), d(r), maybe(r, d(r)), r.nextBoolean()), figures,
        new RunResult.Health(r.nextLong(), r.nextLong(), List.of(text(r)), r.nextInt(3)), members,
        maybe(r, Map.<String, Object>of("peers", 10)), maybe(r, new RunResult.Bounds(d(r), d(r))), timeline, null);
  }

  /** Doubles of every kind a result can hold, NaN and infinities among them. */
  private static double d(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      case 2 -> 0.0;
      case 3 -> -0.0;
      case 4 -> r.nextInt(1000);
      case 5 -> 1e-9 * r.nextDouble();
      case 6 -> 1e21 * r.nextDouble();
      default -> r.nextDouble() * 1000;
    };
  }

  private static <T> T maybe(SplittableRandom r, T value) {
    return r.nextBoolean() ? value : null;
  }

  private static String text(SplittableRandom r) {
    String[] parts = {"plain", "tab\t", "quote\"", "back\\slash", "newline\n", "ünïcode ✓", "\u0001", "</script>"};
    return parts[r.nextInt(parts.length)] + r.nextInt(100);
  }
}
