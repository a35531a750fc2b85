package io.peerlab.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseSequencerTest {

  /** A host whose scheduled steps run when the test says so. */
  private static final class Host implements PhaseSequencer.Host {
    final List<Phase> begun = new ArrayList<>();
    final Deque<long[]> delays = new ArrayDeque<>();
    final Deque<Runnable> steps = new ArrayDeque<>();
    long now;
    boolean finished;

    @Override
    public long now() {
      return now;
    }

    @Override
    public void beginAll(Phase phase) {
      begun.add(phase);
    }

    @Override
    public void schedule(long delayNanos, Runnable step) {
      delays.add(new long[] {delayNanos});
      steps.add(step);
    }

    @Override
    public void finished() {
      finished = true;
    }

    void runNext() {
      delays.poll();
      steps.poll().run();
    }
  }

  @Test
  void phasesAdvanceOnlyWhenEveryPeerReported_andSettleFollowsJoin() {
    Host h = new Host();
    PhaseSequencer s = new PhaseSequencer(h, 3, 777, 1_000_000);
    s.start();
    h.runNext();
    assertThat(h.begun).containsExactly(Phase.JOIN);
    h.steps.clear(); // the join timeout
    h.delays.clear();
    s.phaseDone(0, Phase.JOIN);
    s.phaseDone(0, Phase.JOIN);
    s.phaseDone(1, Phase.PUBLISH);
    s.phaseDone(1, Phase.JOIN);
    assertThat(h.steps).isEmpty();
    s.phaseDone(2, Phase.JOIN);
    assertThat(h.delays.peek()[0]).isEqualTo(777);
    h.runNext();
    assertThat(h.begun).containsExactly(Phase.JOIN, Phase.PUBLISH);
  }

  @Test
  void aJoinThatNeverCompletes_timesOut_withANote_andTheRunGoesOn() {
    Host h = new Host();
    PhaseSequencer s = new PhaseSequencer(h, 2, 0, 5_000);
    s.start();
    h.runNext();
    s.phaseDone(0, Phase.JOIN);
    assertThat(h.delays.peek()[0]).isEqualTo(5_000);
    h.runNext(); // timeout fires
    assertThat(s.notes()).singleElement().asString().contains("join phase timed out with 1 of 2");
    h.runNext(); // settle
    assertThat(h.begun).containsExactly(Phase.JOIN, Phase.PUBLISH);
  }

  @Test
  void measureWindow_spansFromMeasureBeginToLastReport() {
    Host h = new Host();
    PhaseSequencer s = new PhaseSequencer(h, 1, 0, 5_000);
    s.start();
    h.runNext();
    s.phaseDone(0, Phase.JOIN);
    h.steps.removeFirst();
    h.delays.removeFirst();
    h.runNext();
    s.phaseDone(0, Phase.PUBLISH);
    h.steps.removeFirst();
    h.delays.removeFirst();
    h.runNext();
    s.phaseDone(0, Phase.WARMUP);
    h.now = 100;
    h.runNext();
    assertThat(s.measureStart()).isEqualTo(100);
    h.now = 350;
    s.phaseDone(0, Phase.MEASURE);
    h.runNext();
    assertThat(h.finished).isTrue();
    assertThat(s.measureEnd()).isEqualTo(350);
    assertThat(h.begun).containsExactly(Phase.JOIN, Phase.PUBLISH, Phase.WARMUP, Phase.MEASURE);
  }
}
