package io.peerlab.core.transfer;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.DistributionBounds;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.run.MessageObserver;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;

/**
 * The Kurose-Ross setting for tests: one file of F bytes on one server with upload u_s, N
 * downloaders with upload u and download d, all asking for it at t = 0 (flash-crowd mode). Peer 0
 * is the server; peers 1..N download. Under central-index the file starts on one ordinary peer
 * instead (placement), and peer 0 is the index.
 */
public record FlashCrowd(
    int n, long fileBytes, int chunkBytes, long serverUp, long peerUp, long peerDown,
    long latencyNanos, Settings settings) {

  public static final long KIB = 1024;
  public static final long MIB = 1024 * 1024;
  public static final long SEC = 1_000_000_000L;

  /** F = 1 MiB in 64 chunks, u_s = 4 MiB/s, u = 256 KiB/s, d = 1 MiB/s, 10 ms latency. */
  public static FlashCrowd of(int n) {
    return new FlashCrowd(
        n, MIB, (int) (16 * KIB), 4 * MIB, 256 * KIB, MIB, 10_000_000L,
        Settings.of(FetchSettings.forTests(), SwarmSettings.forTests()));
  }

  /**
   * The links of config/scenarios/flash-crowd.conf: F = 4 MiB in 64 chunks of 64 KiB, u_s = 16
   * MiB/s, u = 1 MiB/s, d = 4 MiB/s, 10 ms latency. The same times per chunk as {@link #of}, with
   * a quarter of its relative header overhead (control messages are as long as there, chunks four
   * times longer).
   */
  public static FlashCrowd asConfigured(int n) {
    return new FlashCrowd(
        n, 4 * MIB, (int) (64 * KIB), 16 * MIB, MIB, 4 * MIB, 10_000_000L,
        Settings.of(FetchSettings.forTests(), SwarmSettings.forTests()));
  }

  public FlashCrowd with(Object setting) {
    return new FlashCrowd(
        n, fileBytes, chunkBytes, serverUp, peerUp, peerDown, latencyNanos, settings.with(setting));
  }

  /** D_cs = max(N F / u_s, F / d), in seconds ({@link DistributionBounds}). */
  public double clientServerBound() {
    return DistributionBounds.clientServer(n, fileBytes, serverUp, peerDown);
  }

  /** D_p2p = max(F / u_s, F / d, N F / (u_s + N u)), in seconds ({@link DistributionBounds}). */
  public double p2pBound() {
    return DistributionBounds.p2p(n, fileBytes, serverUp, (double) n * peerUp, peerDown);
  }

  public RunSpec spec(String topology, String transfer) {
    NetworkSpec net =
        new NetworkSpec(
            true, latencyNanos, latencyNanos, 0.0, new Link(peerUp, peerDown),
            new Link(serverUp, serverUp));
    ObjectsSpec objects = new ObjectsSpec(1, fileBytes, chunkBytes, 0, 1, 10, 1);
    WorkloadSpec workload =
        new WorkloadSpec(LoadMode.FLASH_CROWD, n, 1, 0, 0, 0, 0, 0, 1, 600 * SEC, 1);
    return new RunSpec(
        "flash-crowd", 42, Topologies.get(topology), Transfers.get(transfer), n + 1, 1, net, objects, workload, 3600 * SEC,
        60 * SEC, settings);
  }

  public RunResult run(String topology, String transfer) {
    return run(topology, transfer, null);
  }

  /** Runs on the sim host; {@code observer} (may be null) sees every delivered message. */
  public RunResult run(String topology, String transfer, MessageObserver observer) {
    RunSetup setup = RunSetup.of(spec(topology, transfer));
    RunOutcome out = new SimHost().run(setup, RunControl.quiet().withObserver(observer));
    return Summaries.summarize(setup, "sim", out, null);
  }

  /** The run's catalog, to check chunks against manifests. */
  public Catalog catalog(String topology, String transfer) {
    return RunSetup.of(spec(topology, transfer)).catalog();
  }

  /** Distribution time of a run, in seconds. */
  public static double seconds(RunResult r) {
    return r.timing().distributionTimeMs() / 1000.0;
  }

  /** The same crowd with another number of downloaders. */
  public FlashCrowd withN(int downloaders) {
    return new FlashCrowd(
        downloaders, fileBytes, chunkBytes, serverUp, peerUp, peerDown, latencyNanos, settings);
  }
}
