package io.peerlab.core.api;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.workload.WorkloadSpec;

/**
 * One run of one topology: everything the hosts need, as plain values. The scenario module builds
 * one per topology from a scenario file; they differ only in {@code topology}.
 *
 * @param scenario the scenario's name
 * @param seed the seed every random choice derives from
 * @param topology the topology's name (see {@link Topologies})
 * @param transfer the transfer strategy's name (see {@link io.peerlab.core.run.Transfers})
 * @param peers all peers, servers included
 * @param servers peers that act as server or index where the topology has them
 * @param deadlineNanos hard limit for this run, in the host's clock
 * @param phaseTimeoutNanos longest the host waits for every peer to finish joining or publishing;
 *     past it the run goes on and reports the peers that did not finish
 */
public record RunSpec(
    String scenario,
    long seed,
    String topology,
    String transfer,
    int peers,
    int servers,
    NetworkSpec network,
    ObjectsSpec objects,
    WorkloadSpec workload,
    long deadlineNanos,
    long phaseTimeoutNanos,
    Settings settings) {

  public RunSpec {
    if (peers <= 0 || servers < 0 || servers >= peers) {
      throw new IllegalArgumentException("need 0 <= servers < peers, got " + servers + "/" + peers);
    }
    if (servers + workload.clients() > peers) {
      throw new IllegalArgumentException(
          "clients (" + workload.clients() + ") do not fit beside servers (" + servers
              + ") among " + peers + " peers");
    }
    if (deadlineNanos <= 0 || phaseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("deadline and phase timeout must be positive");
    }
  }

  public RunSpec withTopology(String name) {
    return new RunSpec(
        scenario, seed, name, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }
}
