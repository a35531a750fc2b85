package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.transfer.FlashCrowd;
import org.junit.jupiter.api.Test;

/**
 * The swarm on real actors in real time: a flash crowd of 16 downloaders (F = 1 MiB, u_s = 4
 * MiB/s, u = 256 KiB/s, d = 1 MiB/s). Real time adds scheduling delay, never bandwidth, so the run
 * can only be slower than the bound, and every peer must get the whole file.
 */
class LocalSwarmTest {
  @Test
  void flashCrowd_onRealActors_everyPeerGetsTheFile_noFasterThanTheBound() {
    FlashCrowd fc = FlashCrowd.of(16);
    RunSetup setup =
        RunSetup.of(fc.spec("client-server", "swarm"));
    RunOutcome out = new LocalRuntime().run(setup, RunControl.quiet());
    RunResult r = Summaries.summarize(setup, "local", out, null);
    assertThat(r.health().errors()).isZero();
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(16);
    assertThat(FlashCrowd.seconds(r)).isGreaterThanOrEqualTo(fc.p2pBound());
    assertThat(r.figures().load().serverShareOfContent()).isLessThan(0.8);
  }
}
