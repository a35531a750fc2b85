package io.peerlab.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.peerlab.demo.Demo;
import io.peerlab.demo.DemoScenarios;
import io.peerlab.demo.DemoServer;
import io.peerlab.scenario.ScenarioException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab demo}: a scenario live on the local runtime, drawn in the browser. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a scenario live on the local runtime and show it in the browser: the peers, each",
      "lookup's path, the query wave, the swarm's pieces, counters and charts, two topologies",
      "side by side. Controls on the page: start, pause, step, slowdown, kill a peer or the",
      "server, flash crowd. Without SCENARIO: a small flash crowd, client-server's single",
      "source beside the swarm. docs/demo.md and docs/labs/.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab demo                                              # open http://127.0.0.1:8080/",
      "  peerlab demo docs/labs/scenarios/chord-demo.conf --slowdown 20",
      "  peerlab demo config/scenarios/flash-crowd.conf --vs transfer=single-source --set peers=17 \\",
      "      --set workload.clients=16 --set objects.size=1MiB",
      "",
      "Exit codes: 0 stopped (Ctrl-C or --for), 1 could not serve, 2 bad input."
    })
final class DemoCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
      description = "Scenario file; its first two topologies go side by side (default: a small flash crowd).")
  Path scenario;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port to serve the page on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  String bind;

  @Option(names = "--slowdown", paramLabel = "FACTOR", defaultValue = "50",
      description = "Messages take FACTOR times longer than the network model says, so a person can"
          + " follow one (1 = real speed). Default: ${DEFAULT-VALUE}.")
  double slowdown;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a scenario key for every panel (repeatable), as for peerlab run.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--vs", paramLabel = "KEY=VALUE",
      description = "Second panel: the scenario's first topology with this key changed, e.g."
          + " --vs transfer=swarm or --vs topologies=[kademlia].")
  String vs;

  @Option(names = "--reserve", paramLabel = "N", defaultValue = "0",
      description = "Peers held back at the start (not drawn, running nothing); the page's"
          + " 'add peers' brings them in, to join through the overlay (default: ${DEFAULT-VALUE}).")
  int reserve;

  @Option(names = "--start", description = "Start the workload at once instead of waiting for the page's Start.")
  boolean start;

  @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h",
      description = "Stop the demo after this long (its deadline), e.g. 90s or 2h. Default: ${DEFAULT-VALUE}.")
  String duration;

  @Override
  public Integer call() throws InterruptedException {
    if (reserve < 0) {
      throw new ScenarioException("--reserve: must be a whole number of 0 or more, got " + reserve);
    }
    if (!(slowdown >= 1) || Double.isInfinite(slowdown)) {
      throw new ScenarioException("--slowdown: must be a number of 1 or more, got " + slowdown);
    }
    if (port < 0 || port > 65535) {
      throw new ScenarioException("--port: must be 0..65535, got " + port);
    }
    Duration deadline = parseDuration(duration);
    String unusable = portUnusable(bind, port);
    if (unusable != null) {
      parent.err.println("peerlab: demo: cannot listen on " + bind + ":" + port + ": " + unusable);
      return Cli.RUN_FAILED;
    }
    List<Demo.Variant> variants = DemoScenarios.variants(scenario, overrides, vs);
    parent.out.println("peerlab demo: booting " + variants.size() + " topolog" + (variants.size() == 1 ? "y" : "ies")
        + " on the local runtime (" + String.join(", ", variants.stream().map(Demo.Variant::title).toList()) + ")");
    Demo demo = Demo.start(variants, Demo.Options.defaults(slowdown).withAutostart(start).withReserve(reserve));
    DemoServer server;
    try {
      server = DemoServer.start(demo, bind, port, 256);
    } catch (IllegalStateException e) {
      demo.close();
      parent.err.println("peerlab: demo: " + e.getMessage());
      return Cli.RUN_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "peerlab-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    parent.out.println("peerlab demo: open http://" + hostForUrl(bind) + ":" + server.port() + "/ and press Start"
        + " (slowdown " + slowdown + "; stops after " + duration + " or on Ctrl-C)");
    if (!stopped.await(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
      parent.out.println("peerlab demo: stopped after " + duration);
    }
    return Cli.OK;
  }

  /**
   * Why {@code bind:port} cannot be listened on, or null: checked before the topologies boot, so a
   * port in use costs no boot and no logged stack trace (the server still reports a later loss).
   */
  private static String portUnusable(String bind, int port) {
    if (port == 0) {
      return null;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static String hostForUrl(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  private static Duration parseDuration(String text) {
    try {
      Duration d = ConfigFactory.parseString("d = " + text).getDuration("d");
      if (d.isNegative() || d.isZero()) {
        throw new ScenarioException("--for: must be a positive duration such as 90s or 2h, got " + text);
      }
      return d;
    } catch (ConfigException e) {
      throw new ScenarioException("--for: must be a duration such as 90s or 2h, got '" + text + "'");
    }
  }
}
