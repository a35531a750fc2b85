package io.peerlab.cli;

import com.typesafe.config.ConfigFactory;
import io.peerlab.runtime.cluster.ClusterNode;
import io.peerlab.runtime.cluster.ClusterTls;
import io.peerlab.runtime.cluster.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab node}: a cluster member that hosts peers for cluster runs. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Start a cluster node that hosts peers for cluster runs.",
      "",
      "A node is a JVM that hosts a share of the peers of every run on the cluster",
      "runtime (peerlab run ... --runtime cluster). It runs until stopped (Ctrl-C",
      "or SIGTERM, which leave the cluster cleanly). Start the seed node first,",
      "then the others with --seed.",
      ""
    },
    footer = {
      "",
      "Examples (one machine):",
      "  peerlab tls-init tls                          # once: CA and node key",
      "  peerlab node --port 25520 --tls tls           # the seed: a new cluster",
      "  peerlab node --port 25521 --tls tls --seed 127.0.0.1:25520",
      "  peerlab node --port 0 --tls tls --seed 127.0.0.1:25520  # any free port",
      "  peerlab run config/scenarios/quickstart.conf --runtime cluster --tls tls \\",
      "      --seed-node 127.0.0.1:25520 --nodes 3",
      "Several hosts: --host <this host's address> and --tls <a copy of the folder> on",
      "every node; without --tls a node binds 127.0.0.1 only (or give --insecure).",
      "docs/cluster.md.",
      "",
      "Exit codes: 0 stopped, 1 could not start (port in use), 2 bad input."
    })
final class NodeCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "25520",
      description = "Port to bind (default ${DEFAULT-VALUE}); 0 picks a free one (not for a seed).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Address to bind and advertise (default ${DEFAULT-VALUE}); other members must reach it there.")
  String host;

  @Option(
      names = "--seed",
      paramLabel = "HOST:PORT",
      description = "A seed node to join through (repeatable). Without it this node is the seed of a new cluster.")
  List<String> seeds = new ArrayList<>();

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description = "Talk TLS with mutual authentication, with the key material in DIR (made by"
          + " 'peerlab tls-init DIR'): only members holding a certificate of the same CA get in.")
  Path tls;

  @Option(
      names = "--insecure",
      description = "Allow plain TCP on an address other hosts reach: anyone who reaches the port can"
          + " join the cluster and take part in its runs. Only on a network you trust.")
  boolean insecure;

  @Mixin PluginOptions plugins = new PluginOptions();

  @Override
  public Integer call() throws InterruptedException {
    HostPort bind;
    List<HostPort> seedList = new ArrayList<>();
    try {
      bind = new HostPort(host, port);
      for (String s : seeds) {
        seedList.add(HostPort.parse(s));
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      ClusterNode.checkBind(bind, tls != null, insecure);
      if (tls != null) {
        ClusterTls.check(tls);
      }
    } catch (IllegalArgumentException e) {
      parent.err.println("peerlab: " + e.getMessage());
      return Cli.BAD_INPUT;
    }
    if (seedList.isEmpty()) {
      if (port == 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "a seed node needs a fixed --port (others find it there); or give --seed");
      }
      seedList.add(bind);
      parent.err.println("peerlab: node " + bind + " starts a new cluster (it is the seed)" + transport());
    } else {
      parent.err.println("peerlab: node " + (port == 0 ? host + ":<any>" : bind) + " joining through "
          + String.join(", ", seeds) + transport());
    }
    ActorSystem<?> system;
    try {
      system = ClusterNode.start(bind, seedList, Optional.ofNullable(tls), ConfigFactory.empty(), parent.out,
          plugins.loader(null));
    } catch (RuntimeException e) {
      parent.err.println("peerlab: cannot start the node on " + bind + ": " + rootMessage(e));
      return Cli.RUN_FAILED;
    }
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (ExecutionException e) {
      return Cli.RUN_FAILED;
    }
    parent.err.println("peerlab: node " + bind + " has left the cluster and stopped");
    return Cli.OK;
  }

  private String transport() {
    return tls != null ? "; TLS with the keys in " + tls : "; plain TCP: anyone who reaches the port can join";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
