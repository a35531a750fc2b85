package io.peerlab.core;

import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.flooding.FloodingSettings;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import io.peerlab.core.overlay.randomwalk.RandomWalkSettings;
import io.peerlab.core.overlay.superpeer.SuperPeerSettings;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.SingleSourceStrategy;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;

/** Small, explicit specs for tests (scenario runs take their values from reference.conf). */
public final class TestSpecs {
  private TestSpecs() {}

  public static final long MS = 1_000_000L;
  public static final long SEC = 1_000_000_000L;
  public static final long KIB = 1024;
  public static final long MIB = 1024 * 1024;

  /** Like config/scenarios/quickstart.conf, scaled down. */
  public static NetworkSpec network() {
    return new NetworkSpec(
        true, 5 * MS, 25 * MS, 0.0, new Link(1 * MIB, 4 * MIB), new Link(16 * MIB, 16 * MIB));
  }

  public static ObjectsSpec objects() {
    return new ObjectsSpec(100, 256 * KIB, (int) (64 * KIB), 0.8, 3, 200, 1);
  }

  public static WorkloadSpec closed(int clients, int ops, int warmup) {
    return new WorkloadSpec(LoadMode.CLOSED, clients, ops, warmup, 0, 0, 0.5, 0.2, 0.3, 30 * SEC, 1);
  }

  public static RunSpec spec(String topology, int peers, int servers, WorkloadSpec workload) {
    return new RunSpec(
        "test", 42, Topologies.get(topology), Transfers.get(SingleSourceStrategy.NAME), peers, servers, network(), objects(), workload,
        600 * SEC, 60 * SEC,
        Settings.of(
            FetchSettings.forTests(), SwarmSettings.forTests(), FloodingSettings.forTests(),
            RandomWalkSettings.forTests(), SuperPeerSettings.forTests(), ChordSettings.forTests(),
            KademliaSettings.forTests()));
  }

  public static RunSpec quickstart(String topology) {
    return spec(topology, 24, 1, closed(12, 240, 24));
  }
}
