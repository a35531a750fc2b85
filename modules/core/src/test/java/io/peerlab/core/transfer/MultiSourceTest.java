package io.peerlab.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.content.Placement;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Central index, each object on 4 peers (uplink 1 MiB/s each, downlink 4 MiB/s), 4 clients
 * fetching one object at a time: one holder's uplink limits single-source, multi-source adds the
 * holders up to the client's downlink.
 */
class MultiSourceTest {
  private static final ObjectsSpec OBJECTS =
      new ObjectsSpec(10, 1024 * TestSpecs.KIB, (int) (32 * TestSpecs.KIB), 0, 2, 20, 4);

  private static Settings settings(FaultSettings faults) {
    return Settings.of(
        new FetchSettings(4, 5 * TestSpecs.SEC, false, 1, false), SwarmSettings.forTests(), faults);
  }

  private static RunResult fetches(String transfer) {
    return Runs.run(
        Runs.spec("central-index", transfer, 24, OBJECTS, Runs.fetches(4, 40),
            settings(FaultSettings.none())), null);
  }

  @Test
  void multiSource_isFasterThanSingleSource_withSeveralHolders() {
    RunResult single = fetches("single-source");
    RunResult multi = fetches("multi-source");
    assertThat(single.figures().ops().get("fetch").ok()).isEqualTo(40);
    assertThat(multi.figures().ops().get("fetch").ok()).isEqualTo(40);
    double s = single.figures().ops().get("fetch").latencyMs().mean();
    double m = multi.figures().ops().get("fetch").latencyMs().mean();
    assertThat(m).isLessThan(0.5 * s);
    assertThat(multi.figures().ops().get("fetch").goodputBytesPerSec())
        .isGreaterThan(2 * single.figures().ops().get("fetch").goodputBytesPerSec());
  }

  /**
   * Object 0 on 4 peers, 2 of them corrupt; every client fetches it at once. Every strategy gets
   * every chunk from the honest holders, and counts the corrupt chunks it dropped.
   */
  @ParameterizedTest
  @ValueSource(strings = {"single-source", "multi-source", "swarm"})
  void corruptHolders_neverGetAChunkAccepted_andFetchesComplete(String transfer) {
    ObjectsSpec one =
        new ObjectsSpec(1, 512 * TestSpecs.KIB, (int) (32 * TestSpecs.KIB), 0, 1, 10, 4);
    int peers = 16;
    int[] holders = new Placement(42, 1, 4, 1, peers).holders(0);
    FaultSettings faults = FaultSettings.corrupt(List.of(holders[0], holders[1]));
    WorkloadSpec crowd =
        new WorkloadSpec(
            LoadMode.FLASH_CROWD, peers - 1, 1, 0, 0, 0, 0, 0, 1, 120 * TestSpecs.SEC, 1);
    RunSpec spec = Runs.spec("central-index", transfer, peers, one, crowd, settings(faults));
    Manifest manifest = RunSetup.of(spec).catalog().manifest(0);
    int[] badAccepted = {0};
    RunResult r = Runs.run(spec, (t, from, to, m) -> {
      // Downstream check: what an honest peer uploads always verifies.
      byte[] data = null;
      int chunk = -1;
      if (m instanceof ChunkMessage.ChunkData d) {
        data = d.data();
        chunk = d.chunk();
      }
      if (data != null && !faults.corrupt(from) && !manifest.verify(chunk, data)) {
        badAccepted[0]++;
      }
    });
    assertThat(r.figures().ops().get("fetch").ok())
        .as("failures %s, notes %s", r.figures().ops().get("fetch").failures(), r.health().notes())
        .isEqualTo(peers - 1);
    assertThat(r.figures().load().chunksRejected()).isPositive();
    assertThat(badAccepted[0]).isZero();
  }
}
