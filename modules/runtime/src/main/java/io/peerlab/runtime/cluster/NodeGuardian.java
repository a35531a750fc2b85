package io.peerlab.runtime.cluster;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Topology;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.workload.Workload;
import io.peerlab.core.workload.WorkloadSpec;
import io.peerlab.runtime.RunCoordinator;
import io.peerlab.runtime.serialization.CborSerializable;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The root actor of a {@code peerlab node}: registers the node with the cluster's receptionist so
 * coordinators find it, answers clock probes, and spawns a {@link MemberRun} for each run a
 * coordinator prepares on it. Stateless between runs but for a cache of the last catalog and op
 * scripts, which every topology of a scenario shares.
 */
public final class NodeGuardian extends AbstractBehavior<NodeGuardian.Command> {

  /** Nodes register under this key. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "peerlab-node");

  public sealed interface Command {}

  /**
   * Host member {@code member}'s share of a run.
   *
   * @param networkModel apply the network model on top of the real network
   * @param clockOffsetMs this node's clock minus the coordinator's, as the coordinator applies it
   */
  public record Prepare(
      long runId, RunSpec spec, int member, int members, boolean networkModel, double clockOffsetMs,
      ActorRef<RunCoordinator.Command> coordinator)
      implements Command, CborSerializable {}

  /** Reply with this node's {@code System.nanoTime()}. */
  public record ClockProbe(ActorRef<ClockReading> replyTo) implements Command, CborSerializable {}

  public record ClockReading(long nanos) implements CborSerializable {}

  /** A {@link RawBench} message; answered with {@link RawBench.Ack} when {@code ack} is set. */
  public record BenchPing(long seq, boolean ack, ActorRef<RawBench.Command> ackTo, byte[] pad)
      implements Command, CborSerializable {}

  /**
   * Run {@link RawBench} from this node to {@code target}, with messages padded to {@code
   * frameBytes} serialised bytes (0: no padding), and reply with what it measured.
   */
  public record StartRawBench(
      ActorRef<Command> target, int messages, int window, int frameBytes, ActorRef<RawBench.Result> replyTo)
      implements Command, CborSerializable {}

  private record CacheKey(long seed, ObjectsSpec objects, WorkloadSpec workload) {}

  private record Cached(CacheKey key, Catalog catalog, Workload workload) {}

  private Cached cached;
  private final UnaryOperator<Topology> topologies;

  public static Behavior<Command> create() {
    return create(UnaryOperator.identity());
  }

  /** A guardian that passes each run's topology through {@code topologies} ({@link ClusterNode#start}). */
  public static Behavior<Command> create(UnaryOperator<Topology> topologies) {
    return Behaviors.setup(ctx -> new NodeGuardian(ctx, topologies));
  }

  private NodeGuardian(ActorContext<Command> ctx, UnaryOperator<Topology> topologies) {
    super(ctx);
    this.topologies = topologies;
    ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(ClockProbe.class, this::onProbe)
        .onMessage(StartRawBench.class, this::onStartRawBench)
        .onMessage(BenchPing.class, this::onPing)
        .build();
  }

  private Behavior<Command> onProbe(ClockProbe p) {
    p.replyTo().tell(new ClockReading(System.nanoTime()));
    return this;
  }

  private Behavior<Command> onStartRawBench(StartRawBench b) {
    getContext().spawnAnonymous(RawBench.create(b.target(), b.messages(), b.window(), b.frameBytes(), b.replyTo()));
    return this;
  }

  private Behavior<Command> onPing(BenchPing p) {
    if (p.ack()) {
      p.ackTo().tell(new RawBench.Ack(p.seq()));
    }
    return this;
  }

  private Behavior<Command> onPrepare(Prepare p) {
    String name = "run-" + p.runId();
    if (getContext().getChild(name).isPresent()) {
      return this;
    }
    RunSetup setup;
    try {
      setup = setup(p.spec());
    } catch (RuntimeException e) {
      p.coordinator().tell(new ClusterPeers.PrepareFailed(p.runId(), p.member(),
          HostPort.of(getContext().getSystem().address()) + " cannot build the run: " + e.getMessage()));
      return this;
    }
    getContext().spawn(
        MemberRun.create(p.runId(), setup, p.member(), p.members(), p.networkModel(), p.clockOffsetMs(),
            p.coordinator()),
        name);
    return this;
  }

  /** The run's setup, built as the coordinator built it: same seed, same catalog and scripts. */
  private RunSetup setup(RunSpec spec) {
    Missing.check(spec);
    CacheKey key = new CacheKey(spec.seed(), spec.objects(), spec.workload());
    if (cached == null || !Objects.equals(cached.key(), key)) {
      Catalog catalog = new Catalog(spec.seed(), spec.objects());
      cached = new Cached(key, catalog, Workload.generate(spec.seed(), spec.workload(), catalog));
    }
    return new RunSetup(spec.withTopology(topologies.apply(spec.topology())), cached.catalog(), cached.workload());
  }
}
