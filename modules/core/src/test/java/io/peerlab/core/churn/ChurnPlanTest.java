package io.peerlab.core.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.churn.ChurnPlan.Event;
import io.peerlab.core.churn.ChurnPlan.Kind;
import io.peerlab.core.churn.ChurnSettings.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChurnPlanTest {
  static final long SEC = 1_000_000_000L;

  static ChurnSettings churn(Model model, long lifeSec, double shape, long deadSec, double graceful) {
    return new ChurnSettings(model, lifeSec * SEC, shape, deadSec * SEC, graceful, List.of(), 0);
  }

  static List<Event> events(ChurnPlan plan, int peer, long untilNanos) {
    List<Event> out = new ArrayList<>();
    ChurnPlan.Life life = plan.life(peer);
    for (Event e = life.next(); e != null && e.atNanos() < untilNanos; e = life.next()) {
      out.add(e);
    }
    return out;
  }

  @Test
  void aPlan_isAFunctionOfTheSeed_andPeekAgreesWithNext() {
    ChurnSettings c = churn(Model.WEIBULL, 600, 0.5, 300, 0.5);
    ChurnPlan a = ChurnPlan.of(7, 1, 50, c, FailureSettings.none());
    ChurnPlan b = ChurnPlan.of(7, 1, 50, c, FailureSettings.none());
    for (int p = 0; p < 50; p++) {
      assertThat(events(a, p, 10_000 * SEC)).isEqualTo(events(b, p, 10_000 * SEC));
    }
    assertThat(events(ChurnPlan.of(8, 1, 50, c, FailureSettings.none()), 5, 10_000 * SEC))
        .isNotEqualTo(events(a, 5, 10_000 * SEC));
    ChurnPlan.Life life = a.life(3);
    for (int i = 0; i < 20; i++) {
      Event peeked = life.peek();
      assertThat(life.next()).isEqualTo(peeked);
    }
  }

  @Test
  void serversNeverChurn_andEveryPeerAlternatesDownAndUp() {
    ChurnPlan plan =
        ChurnPlan.of(1, 2, 40, churn(Model.EXPONENTIAL, 60, 0, 30, 0.3), FailureSettings.none());
    assertThat(plan.life(0).next()).isNull();
    assertThat(plan.life(1).next()).isNull();
    int leaves = 0;
    int departures = 0;
    for (int p = 2; p < 40; p++) {
      boolean up = true;
      long last = -1;
      for (Event e : events(plan, p, 100_000 * SEC)) {
        assertThat(e.atNanos()).isGreaterThan(last);
        last = e.atNanos();
        assertThat(e.kind() == Kind.JOIN).as("peer %d alternates", p).isEqualTo(!up);
        up = e.kind() == Kind.JOIN;
        if (e.kind() != Kind.JOIN) {
          departures++;
          leaves += e.kind() == Kind.LEAVE ? 1 : 0;
        }
      }
    }
    // graceful-leave = 0.3: binomial, n in the thousands; ±0.03 is more than 4 standard deviations.
    assertThat(departures).isGreaterThan(1000);
    assertThat((double) leaves / departures).isBetween(0.27, 0.33);
  }

  /**
   * In steady state a peer is up for a share L / (L + D) of the time (the alternating renewal
   * theorem). Weibull k = 0.5 has a heavy tail; 2,000 peers over 40 mean cycles keep the share
   * within ±0.02 of 2/3.
   */
  @Test
  void theShareOfPeersUp_settlesAt_lifetimeOverLifetimePlusDeadTime() {
    ChurnPlan plan =
        ChurnPlan.of(3, 0, 2000, churn(Model.WEIBULL, 200, 0.5, 100, 0.5), FailureSettings.none());
    int[] alive = plan.alivePerInterval(0, 300 * SEC, 40);
    double late = 0;
    for (int i = 20; i < 40; i++) {
      late += alive[i];
    }
    assertThat(late / 20 / 2000).isBetween(2.0 / 3 - 0.02, 2.0 / 3 + 0.02);
    // The same measured as peer-seconds up.
    assertThat(plan.aliveSeconds(12_000 * SEC) / (2000 * 12_000.0)).isBetween(0.64, 0.76);
  }

  /** Sessions have the configured mean: Weibull's scale is mean / Γ(1 + 1/k). */
  @Test
  void sessionLengths_haveTheConfiguredMean() {
    for (Model m : List.of(Model.EXPONENTIAL, Model.WEIBULL, Model.PARETO)) {
      double shape = m == Model.PARETO ? 3.0 : 0.7;
      ChurnPlan plan =
          ChurnPlan.of(11, 0, 400, churn(m, 100, shape, 100, 0), FailureSettings.none());
      double sum = 0;
      int n = 0;
      for (int p = 0; p < 400; p++) {
        List<Event> ev = events(plan, p, 1_000_000 * SEC);
        for (int i = 1; i + 1 < ev.size(); i += 2) { // JOIN at i, next departure at i + 1
          sum += (ev.get(i + 1).atNanos() - ev.get(i).atNanos()) / (double) SEC;
          n++;
        }
      }
      assertThat(n).isGreaterThan(10_000);
      assertThat(sum / n).as(m.word()).isBetween(95.0, 105.0);
    }
    assertThat(ChurnPlan.gamma(5)).isCloseTo(24.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ChurnPlan.gamma(0.5)).isCloseTo(Math.sqrt(Math.PI), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aMassFailure_crashesThatShareOfNonServers_once_andForGood() {
    FailureSettings f = new FailureSettings(30 * SEC, 0.25, List.of(), List.of());
    ChurnPlan plan = ChurnPlan.of(5, 4, 404, ChurnSettings.none(), f);
    int crashed = 0;
    for (int p = 0; p < 404; p++) {
      List<Event> ev = events(plan, p, Long.MAX_VALUE);
      if (!ev.isEmpty()) {
        assertThat(p).isGreaterThanOrEqualTo(4);
        assertThat(ev).containsExactly(new Event(30 * SEC, Kind.CRASH));
        crashed++;
      }
    }
    assertThat(crashed).isEqualTo(100);
    // With churn as well, a mass-failed peer has no event after the failure.
    ChurnPlan both =
        ChurnPlan.of(5, 4, 404, churn(Model.EXPONENTIAL, 20, 0, 20, 0), f);
    for (int p = 4; p < 404; p++) {
      List<Event> ev = events(both, p, 10_000 * SEC);
      if (ev.stream().anyMatch(e -> e.atNanos() == 30 * SEC)) {
        assertThat(ev.get(ev.size() - 1).atNanos()).isEqualTo(30 * SEC);
      }
    }
  }

  @Test
  void serverOutages_crashAndBringBackThatServer_mergingOverlaps() {
    FailureSettings f =
        new FailureSettings(
            -1, 0.5,
            List.of(
                new FailureSettings.Outage(1, 10 * SEC, 20 * SEC),
                new FailureSettings.Outage(1, 15 * SEC, 25 * SEC),
                new FailureSettings.Outage(0, 40 * SEC, 50 * SEC)),
            List.of());
    ChurnPlan plan = ChurnPlan.of(5, 2, 10, ChurnSettings.none(), f);
    assertThat(events(plan, 0, Long.MAX_VALUE))
        .containsExactly(new Event(40 * SEC, Kind.CRASH), new Event(50 * SEC, Kind.JOIN));
    assertThat(events(plan, 1, Long.MAX_VALUE))
        .containsExactly(new Event(10 * SEC, Kind.CRASH), new Event(25 * SEC, Kind.JOIN));
    assertThat(events(plan, 2, Long.MAX_VALUE)).isEmpty();
    assertThat(plan.aliveAt(1, 12 * SEC)).isFalse();
    assertThat(plan.aliveAt(1, 25 * SEC)).isTrue();
  }

  @Test
  void aPartition_splitsThePeersByItsFraction_onlyWhileItLasts() {
    FailureSettings f =
        new FailureSettings(-1, 0.5, List.of(), List.of(new FailureSettings.Partition(10 * SEC, 20 * SEC, 0.3)));
    ChurnPlan plan = ChurnPlan.of(9, 0, 100, ChurnSettings.none(), f);
    int first = 0;
    for (int p = 0; p < 100; p++) {
      first += plan.inFirstGroup(0, p) ? 1 : 0;
    }
    assertThat(first).isEqualTo(30);
    int a = -1;
    int b = -1;
    for (int p = 0; p < 100; p++) {
      if (plan.inFirstGroup(0, p)) {
        a = p;
      } else {
        b = p;
      }
    }
    assertThat(plan.partitioned(a, b, 15 * SEC)).isTrue();
    assertThat(plan.partitioned(b, a, 15 * SEC)).isTrue();
    assertThat(plan.partitioned(a, b, 9 * SEC)).isFalse();
    assertThat(plan.partitioned(a, b, 20 * SEC)).as("healed at until").isFalse();
    assertThat(plan.partitioned(a, a, 15 * SEC)).isFalse();
  }

  @Test
  void aTrace_isFollowed_skippingLinesThatChangeNothing() {
    ChurnSettings c =
        new ChurnSettings(
            Model.TRACE, SEC, 0.5, SEC, 0.0,
            List.of(
                new ChurnSettings.TraceEntry(5 * SEC, 3, false),
                new ChurnSettings.TraceEntry(6 * SEC, 3, false),
                new ChurnSettings.TraceEntry(2 * SEC, 4, true),
                new ChurnSettings.TraceEntry(9 * SEC, 3, true)),
            SEC);
    ChurnPlan plan = ChurnPlan.of(1, 0, 8, c, FailureSettings.none());
    assertThat(events(plan, 3, Long.MAX_VALUE))
        .containsExactly(new Event(6 * SEC, Kind.CRASH), new Event(10 * SEC, Kind.JOIN));
    assertThat(events(plan, 4, Long.MAX_VALUE)).as("up while up: nothing").isEmpty();
  }

  @Test
  void badSettings_areRefused() {
    assertThatThrownBy(() -> churn(Model.PARETO, 10, 1.0, 10, 0.5))
        .hasMessageContaining("pareto");
    assertThatThrownBy(() -> churn(Model.WEIBULL, 10, 0.5, 10, 1.5))
        .hasMessageContaining("graceful-leave");
    assertThatThrownBy(() -> new FailureSettings.Partition(5, 5, 0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
