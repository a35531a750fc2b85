package io.peerlab.core.overlay;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.SingleSourceStrategy;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;

/** Specs for the tests of the unstructured overlays: explicit, small, seeded. */
public final class UnstructuredSpecs {
  private UnstructuredSpecs() {}

  public static final long MS = TestSpecs.MS;
  public static final long SEC = TestSpecs.SEC;

  /** Every link 10 ms one way, no bandwidth limit: copies of a flood arrive in hop order. */
  public static NetworkSpec equalLatency() {
    return NetworkSpec.latencyOnly(10 * MS);
  }

  /** Small objects (one 4 KiB chunk) so that fetches cost little; {@code count} objects. */
  public static ObjectsSpec objects(int count, double popularity, int replicas) {
    return new ObjectsSpec(count, 4 * 1024, 4 * 1024, popularity, 2, 400, replicas);
  }

  /** A closed-loop workload: {@code clients} clients, {@code ops} measured ops of the given mix. */
  public static WorkloadSpec workload(
      int clients, int ops, double lookup, double search, double fetch) {
    return new WorkloadSpec(
        LoadMode.CLOSED, clients, ops, 0, 0, 0, lookup, search, fetch, 60 * SEC, 1);
  }

  public static RunSpec spec(
      String topology, int peers, long seed, NetworkSpec network, ObjectsSpec objects,
      WorkloadSpec workload, Object... settings) {
    Settings s = Settings.of(FetchSettings.forTests());
    for (Object o : settings) {
      s = s.with(o);
    }
    return new RunSpec(
        "unstructured-test", seed, Topologies.get(topology), Transfers.get(SingleSourceStrategy.NAME), peers, 0, network, objects, workload,
        3600 * SEC, 600 * SEC, s);
  }

  public static RunSetup setup(RunSpec spec) {
    return RunSetup.of(spec);
  }
}
