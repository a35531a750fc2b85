package io.peerlab.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the demo tests share: a small Chord (and Kademlia) scenario, and waiting on frames. */
final class DemoFixture {
  private DemoFixture() {}

  /** The labs' chord-demo scenario (tests run in modules/demo). */
  static final Path CHORD_DEMO = Path.of("..", "..", "docs", "labs", "scenarios", "chord-demo.conf");

  static List<Demo.Variant> chord(int peers, int clients, int ops, String... topologies) {
    return DemoScenarios.variants(CHORD_DEMO, List.of(
        "peers=" + peers, "workload.clients=" + clients, "workload.ops=" + ops,
        "topologies=[" + String.join(",", topologies) + "]"), null);
  }

  /**
   * Completes when {@code condition} holds, checked on the demo's tick after every frame (no
   * sleeping: the demo's own clock drives the checks); fails after {@code seconds}.
   */
  static void await(Demo demo, long seconds, String what, BooleanSupplier condition) throws Exception {
    CompletableFuture<Void> met = new CompletableFuture<>();
    Runnable stop = demo.listen(frame -> {
      if (condition.getAsBoolean()) {
        met.complete(null);
      }
    });
    try {
      met.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("not within " + seconds + " s: " + what, e);
    } finally {
      stop.run();
    }
  }
}
