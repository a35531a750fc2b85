package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.metrics.Summaries;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.RunSetup;
import io.peerlab.core.run.Topologies;
import org.junit.jupiter.api.Test;

class LocalSmokeTest {
  @Test
  void smoke() {
    for (String t : Topologies.names()) {
      RunSetup setup = RunSetup.of(TestSpecs.quickstart(t), Topologies.get(t));
      long t0 = System.nanoTime();
      RunOutcome out = new LocalRuntime().run(setup, RunControl.quiet());
      RunResult r = Summaries.summarize(setup, "local", out, (System.nanoTime() - t0) / 1e6);
      System.out.println(r);
      assertThat(r.deadlineHit()).isFalse();
    }
  }
}
