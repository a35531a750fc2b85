package io.peerlab.core.transfer.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.Failures;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.ChurnSettings.TraceEntry;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.transfer.ChunkMessage.ChunkData;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.FlashCrowd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A swarm flash crowd in which 30 % of the downloaders go mid-transfer (issue 12): a churn trace
 * takes 12 of 40 downloaders down 1 s into the crowd (about a third of the way: the crowd needs
 * about 3 s), each by a graceful leave or a crash (graceful-leave = 0.5, drawn by the seed); 4 of
 * the other peers send corrupt chunks throughout.
 */
class SwarmChurnTest {

  static final long SEC = 1_000_000_000L;

  @Test
  void aThirdOfTheCrowdGoesMidTransfer_everyRemainingDownloaderCompletes_noCorruptChunkAccepted() {
    int n = 40;
    List<TraceEntry> trace = new ArrayList<>();
    for (int a = 1; a <= n; a++) {
      if (a % 10 == 1 || a % 10 == 4 || a % 10 == 7) { // 12 of the 40 downloaders
        trace.add(new TraceEntry(SEC, a, false));
      }
    }
    assertThat(trace).hasSize(12);
    ChurnSettings churn =
        new ChurnSettings(ChurnSettings.Model.TRACE, SEC, 0.5, SEC, 0.5, trace, 0);
    FaultSettings faults = FaultSettings.corruptFraction(0.1, 42, 1, n + 1);
    FlashCrowd fc =
        FlashCrowd.of(n).with(churn).with(faults)
            .with(FetchSettings.forTests().withMaterialize(true));
    Manifest manifest = fc.catalog("client-server", "swarm").manifest(0);
    int[] honestBad = {0};
    int[] toGone = {0};
    RunResult r = fc.run("client-server", "swarm", (t, from, to, m) -> {
      if (m instanceof ChunkData p && !faults.corrupt(from) && !manifest.verify(p.chunk(), p.data())) {
        honestBad[0]++; // an honest peer re-serving a corrupt chunk it accepted
      }
    });
    RunResult.OpSummary fetch = r.figures().ops().get("fetch");
    System.out.printf("swarm flash crowd, 12 of 40 go at 1 s: ok %d/%d failures %s, distribution %.2f s,"
        + " chunks rejected %d%n", fetch.ok(), fetch.count(), fetch.failures(),
        FlashCrowd.seconds(r), r.figures().load().chunksRejected());
    assertThat(r.health().errors()).isZero();
    // Every downloader that stays completes; the ones that went fail for going, nothing else.
    assertThat(fetch.ok()).isEqualTo(n - 12);
    Map<String, Long> failures = fetch.failures();
    assertThat(failures.keySet()).isSubsetOf(Failures.PEER_LEFT, Failures.PEER_CRASHED);
    assertThat(failures.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    assertThat(honestBad[0]).isZero();
    assertThat(r.figures().load().chunksRejected()).isPositive();
  }
}
