package io.peerlab.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.metrics.Summaries;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.RunSetup;
import io.peerlab.core.run.Topologies;
import org.junit.jupiter.api.Test;

class QuickRunTest {
  @Test
  void smoke() {
    for (String t : Topologies.names()) {
      RunSetup setup = RunSetup.of(TestSpecs.quickstart(t), Topologies.get(t));
      RunOutcome out = new SimHost().run(setup, RunControl.quiet());
      RunResult r = Summaries.summarize(setup, "sim", out, null);
      System.out.println(r);
      assertThat(r.deadlineHit()).isFalse();
    }
  }
}
