package io.peerlab.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.Topology;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A {@code peerlab node}: a cluster member that hosts peers for whichever run process prepares a
 * run on it, until it is stopped (SIGTERM or Ctrl-C leave the cluster cleanly). The CLI's {@code
 * peerlab node} and the multi-JVM tests start nodes through {@link #start} and {@link #main}.
 */
public final class ClusterNode {
  private ClusterNode() {}

  /**
   * Checks the address a node is to bind before anything starts: it must be an address of this
   * machine (not a wildcard, which cannot be advertised to other members), and a node reachable
   * from other hosts must talk TLS unless {@code insecure} says the network is trusted.
   *
   * @throws IllegalArgumentException whose one-line message says what is wrong and what to do
   */
  public static void checkBind(HostPort bind, boolean tls, boolean insecure) {
    InetAddress a;
    try {
      a = InetAddress.getByName(bind.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--host " + bind.host() + " is neither an IP address nor a known host name");
    }
    if (a.isAnyLocalAddress()) {
      throw new IllegalArgumentException("--host " + bind.host()
          + " is a wildcard; give the address of this machine that the other members reach it at");
    }
    if (!a.isLoopbackAddress() && !isLocal(a)) {
      throw new IllegalArgumentException("--host " + bind.host() + " (" + a.getHostAddress()
          + ") is not an address of this machine");
    }
    if (!a.isLoopbackAddress() && !tls && !insecure) {
      throw new IllegalArgumentException("node " + bind + " would let in anyone who reaches it: give --tls DIR"
          + " (made by 'peerlab tls-init DIR'), or --insecure on a network you trust (docs/cluster.md)");
    }
  }

  private static boolean isLocal(InetAddress a) {
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  /**
   * Starts a node's ActorSystem bound to {@code bind}, joining through {@code seeds} (which may
   * name this node itself: then it starts a new cluster). Prints one line when it is Up.
   *
   * @param tls the node's TLS folder ({@link ClusterTls}); empty: plain TCP
   */
  public static ActorSystem<NodeGuardian.Command> start(
      HostPort bind, List<HostPort> seeds, Optional<Path> tls, Config overrides, PrintStream out) {
    return start(bind, seeds, tls, overrides, out, ClusterNode.class.getClassLoader());
  }

  /**
   * As above, with the class loader of the node's plugins (a child of peerlab's): their topologies
   * and strategies can run here, and their messages and settings records deserialise here.
   */
  public static ActorSystem<NodeGuardian.Command> start(
      HostPort bind, List<HostPort> seeds, Optional<Path> tls, Config overrides, PrintStream out,
      ClassLoader plugins) {
    return start(bind, seeds, tls, overrides, out, plugins, UnaryOperator.identity());
  }

  /**
   * As above, with each run's topology passed through {@code topologies} on this node before its
   * peers are built: the testkit wraps it to see every lookup's answer (the wrapper must keep the
   * topology's name, roles and links).
   */
  public static ActorSystem<NodeGuardian.Command> start(
      HostPort bind, List<HostPort> seeds, Optional<Path> tls, Config overrides, PrintStream out,
      ClassLoader plugins, UnaryOperator<Topology> topologies) {
    ActorSystem<NodeGuardian.Command> system =
        ActorSystem.create(
            NodeGuardian.create(topologies), ClusterConfig.SYSTEM,
            BootstrapSetup.create(ClusterConfig.member(bind, seeds, ClusterConfig.NODE_ROLE, tls, overrides))
                .withClassloader(plugins));
    Cluster cluster = Cluster.get(system);
    system.systemActorOf(
        Behaviors.<SelfUp>setup(ctx -> {
          cluster.subscriptions().tell(Subscribe.create(ctx.getSelf(), SelfUp.class));
          return Behaviors.receive((c, msg) -> {
            out.println("peerlab node " + HostPort.of(system.address()) + " is up; the cluster has "
                + java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false).count()
                + " members");
            out.flush();
            return Behaviors.stopped();
          });
        }),
        "up-watch",
        Props.empty());
    return system;
  }

  /**
   * For child JVMs: {@code ClusterNode --host H --port P [--tls DIR] --seed H:P [--seed H:P ...]};
   * no seed makes the node a seed of a new cluster. Runs until the process is stopped.
   */
  public static void main(String[] args) throws Exception {
    serve(args, UnaryOperator.identity());
  }

  /**
   * {@link #main}'s work for another main class (a test harness's node, {@link
   * ChildNodes.Options#mainClass}): parses the same arguments, starts the node with {@code
   * topologies} as in {@link #start}, and exits the JVM when the node stops.
   */
  public static void serve(String[] args, UnaryOperator<Topology> topologies) throws Exception {
    String host = "127.0.0.1";
    int port = 0;
    Optional<Path> tls = Optional.empty();
    List<HostPort> seeds = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--tls" -> tls = Optional.of(Path.of(args[++i]));
        case "--seed" -> seeds.add(HostPort.parse(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    HostPort bind = new HostPort(host, port);
    if (seeds.isEmpty()) {
      seeds.add(bind);
    }
    ActorSystem<?> system = start(bind, seeds, tls, ConfigFactory.empty(), System.out,
        ClusterNode.class.getClassLoader(), topologies);
    system.getWhenTerminated().toCompletableFuture().get();
    System.exit(0);
  }
}
