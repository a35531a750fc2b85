package io.peerlab.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.metrics.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The upload queue against head-of-line blocking on FIFO uplinks, in the quickstart (64 peers, 32
 * clients, half lookups, 30% fetches): a lookup reply or request leaves behind every chunk queued
 * on the same uplink when uploads are not paced ({@code fetch.upload-pipeline = 0}), and behind at
 * most one with the default pipeline of 1. Throughput does not drop: the uplinks carry the same
 * bytes (in central-index it rises, since requests no longer wait behind uploads).
 * (Mean fetch latency may rise: round robin shares an uplink between concurrent fetches, as TCP
 * flows do, where FIFO finishes them one after another; docs/transfer.md gives the figures.)
 */
class UploadQueueTest {

  private static RunResult run(String topology, int pipeline) {
    RunSpec base = TestSpecs.spec(topology, 64, 1, TestSpecs.closed(32, 2000, 200));
    FetchSettings fetch = FetchSettings.forTests().withUploadPipeline(pipeline);
    RunSpec spec = base.edit(e -> e.settings = e.settings.with(fetch));
    return Runs.run(spec, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"client-server", "central-index"})
  void pacedUploads_cutLookupLatencyBehindChunks_atTheSameThroughput(String topology) {
    RunResult fifo = run(topology, 0);
    RunResult paced = run(topology, 1);
    assertThat(paced.figures().ops().get("lookup").latencyMs().p99())
        .isLessThan(0.5 * fifo.figures().ops().get("lookup").latencyMs().p99());
    assertThat(paced.timing().throughputOpsPerSec()).isGreaterThan(0.9 * fifo.timing().throughputOpsPerSec());
  }
}
