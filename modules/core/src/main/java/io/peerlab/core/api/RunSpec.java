package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.Objects;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * One run of one topology: everything the hosts need, as plain values. The scenario module builds
 * one per topology from a scenario file; they differ only in {@code topology}. Copies go through
 * {@link #withTopology}, {@link #withDeadlineNanos} or {@link #edit}.
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
@API(status = EXPERIMENTAL, since = "0.1")
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

  /** This spec for another topology: how the scenario module makes one spec per topology. */
  public RunSpec withTopology(Topology topology) {
    return edit(e -> e.topology = topology);
  }

  /** This spec with a deadline: how a host's deadline is cut to the scenario's. */
  public RunSpec withDeadlineNanos(long deadlineNanos) {
    return edit(e -> e.deadlineNanos = deadlineNanos);
  }

  /**
   * A copy with the components that {@code change} sets on an {@link Edit} (which starts as this
   * spec), validated like any spec: {@code spec.edit(e -> e.network = NetworkSpec.off())}.
   */
  public RunSpec edit(Consumer<Edit> change) {
    Edit e = new Edit();
    change.accept(e);
    return new RunSpec(
        scenario, seed, e.topology, e.transfer, peers, servers, e.network, e.objects, e.workload,
        e.deadlineNanos, e.phaseTimeoutNanos, e.settings);
  }

  /**
   * The components a copy may change, each starting as this spec's; the scenario's name, the seed
   * and the peer counts stay.
   */
  public final class Edit {
    public Topology topology = RunSpec.this.topology;
    public TransferStrategy transfer = RunSpec.this.transfer;
    public NetworkSpec network = RunSpec.this.network;
    public ObjectsSpec objects = RunSpec.this.objects;
    public WorkloadSpec workload = RunSpec.this.workload;
    public long deadlineNanos = RunSpec.this.deadlineNanos;
    public long phaseTimeoutNanos = RunSpec.this.phaseTimeoutNanos;
    public Settings settings = RunSpec.this.settings;

    private Edit() {}
  }
}
