package io.peerlab.core.api;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.Objects;

/**
 * One run of one topology: everything the hosts need, as plain values. The scenario module builds
 * one per topology from a scenario file; they differ only in {@code topology}. Copies that change
 * one field go through the {@code with...} methods.
 *
 * @param scenario the scenario's name
 * @param seed the seed every random choice derives from
 * @param topology the topology (found by name in {@code io.peerlab.core.run.Topologies})
 * @param transfer the transfer strategy (found by name in {@code io.peerlab.core.run.Transfers})
 * @param peers all peers, servers included
 * @param servers peers that act as server or index where the topology has them
 * @param deadlineNanos hard limit for this run, in the host's clock
 * @param phaseTimeoutNanos longest the host waits for every peer to finish joining or publishing;
 *     past it the run goes on and reports the peers that did not finish
 */
public record RunSpec(
    String scenario,
    long seed,
    Topology topology,
    TransferStrategy transfer,
    int peers,
    int servers,
    NetworkSpec network,
    ObjectsSpec objects,
    WorkloadSpec workload,
    long deadlineNanos,
    long phaseTimeoutNanos,
    Settings settings) {

  public RunSpec {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(transfer, "transfer");
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

  public RunSpec withTopology(Topology topology) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withTransfer(TransferStrategy transfer) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withNetwork(NetworkSpec network) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withObjects(ObjectsSpec objects) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withWorkload(WorkloadSpec workload) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withDeadlineNanos(long deadlineNanos) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withPhaseTimeoutNanos(long phaseTimeoutNanos) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }

  public RunSpec withSettings(Settings settings) {
    return new RunSpec(
        scenario, seed, topology, transfer, peers, servers, network, objects, workload, deadlineNanos,
        phaseTimeoutNanos, settings);
  }
}
