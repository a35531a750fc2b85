package io.peerlab.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.core.api.RunSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo's engine, without the web server: one {@link Panel} per topology shown, a tick that
 * plays the clients' scripts and turns what the tap saw into one JSON frame for every listener,
 * and the controls (start, pause, step, slowdown, kill a peer, kill the server, flash crowd).
 *
 * <p>Listeners get frames through {@link #listen}; a listener must not block (the web server
 * offers each frame to a bounded queue per page and counts what it drops).
 */
public final class Demo implements AutoCloseable {

  /** One panel to show: a title and the run it plays. */
  public record Variant(String title, RunSetup setup) {}

  /**
   * @param slowdown how many times slower than the network model the messages travel (1 or more)
   * @param loop start the clients' scripts over when they end (lookups and searches; a fetch runs
   *     once), so there is always something to watch
   * @param autostart start playing at once instead of waiting for the page's Start
   * @param tickMillis how often a frame is sent
   * @param eventsPerFrame events a frame carries per panel at most; more wait for the next frame
   * @param tapCapacity events waiting per panel past which new ones are dropped and counted
   * @param reserve peers held back when the demo starts (the highest addresses that are not
   *     servers): they are not drawn and run nothing until the page's "add peers" brings them in,
   *     to join through the overlay's protocol as newcomers
   */
  public record Options(
      double slowdown, boolean loop, boolean autostart, long tickMillis, int eventsPerFrame, int tapCapacity,
      int reserve) {
    public Options {
      if (!(slowdown >= 1) || Double.isInfinite(slowdown)) {
        throw new IllegalArgumentException("slowdown must be a number >= 1, not " + slowdown);
      }
      if (tickMillis < 10 || eventsPerFrame < 1 || tapCapacity < 1 || reserve < 0) {
        throw new IllegalArgumentException("bad demo options " + this);
      }
    }

    public static Options defaults(double slowdown) {
      return new Options(slowdown, true, false, 100, 3000, 50_000, 0);
    }

    public Options withLoop(boolean l) {
      return new Options(slowdown, l, autostart, tickMillis, eventsPerFrame, tapCapacity, reserve);
    }

    public Options withAutostart(boolean a) {
      return new Options(slowdown, loop, a, tickMillis, eventsPerFrame, tapCapacity, reserve);
    }

    public Options withReserve(int r) {
      return new Options(slowdown, loop, autostart, tickMillis, eventsPerFrame, tapCapacity, r);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Panel> panels;
  private final Options options;
  private final ScheduledExecutorService ticker;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final long origin = System.nanoTime();
  private volatile boolean started;
  private volatile boolean paused;
  private volatile double slowdown;
  private long seq;

  private Demo(List<Panel> panels, Options options) {
    this.panels = panels;
    this.options = options;
    this.slowdown = options.slowdown();
    this.started = options.autostart();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "peerlab-demo-tick");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, options.tickMillis(), options.tickMillis(), TimeUnit.MILLISECONDS);
  }

  /** Boots every variant's topology (join, settle, publish) and starts ticking. */
  public static Demo start(List<Variant> variants, Options options) {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a demo needs at least one topology");
    }
    List<Panel> panels = new ArrayList<>();
    try {
      for (Variant v : variants) {
        panels.add(new Panel(panels.size(), v.title(), v.setup(), options.tapCapacity(), options.loop(),
            options.slowdown(), options.reserve()));
      }
    } catch (RuntimeException e) {
      panels.forEach(Panel::close);
      throw e;
    }
    return new Demo(List.copyOf(panels), options);
  }

  /** Frames from now on, as JSON text; called on the demo's tick thread, must not block. */
  public Runnable listen(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The first message a page gets: the panels, their peers and the controls' state. */
  public String hello() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "hello");
    m.put("slowdown", slowdown);
    m.put("started", started);
    m.put("paused", paused);
    List<Object> ps = new ArrayList<>();
    for (Panel p : panels) {
      ps.add(p.describe());
    }
    m.put("panels", ps);
    return json(m);
  }

  /** Ops that ended in every panel, and ops their scripts hold (the run is done when they meet). */
  public int[] completed() {
    return panels.stream().mapToInt(Panel::completed).toArray();
  }

  public int[] scripted() {
    return panels.stream().mapToInt(Panel::scripted).toArray();
  }

  /** Messages delivered in each panel since its boot ended. */
  long[] delivered() {
    return panels.stream().mapToLong(p -> p.tap.delivered()).toArray();
  }

  /** Messages held at a paused panel's gate. */
  int[] waitingAtGate() {
    return panels.stream().mapToInt(p -> p.gate.waiting()).toArray();
  }

  public int panels() {
    return panels.size();
  }

  // ---- controls ----

  /**
   * Runs one control from the page and says what it did, one line; {@code panel} -1 means every
   * panel.
   *
   * @throws IllegalArgumentException for an unknown action or a bad argument (the line says why)
   */
  public String control(String action, int panel, int peer, double value) {
    List<Panel> targets = targets(panel);
    switch (action) {
      case "start" -> {
        started = true;
        paused = false;
        targets.forEach(p -> p.gate.resume());
        return "started";
      }
      case "pause" -> {
        paused = true;
        targets.forEach(p -> p.gate.pause());
        return "paused; " + waiting() + " messages held";
      }
      case "step" -> {
        if (!paused) {
          paused = true;
          targets.forEach(p -> p.gate.pause());
        }
        int n = 0;
        for (Panel p : targets) {
          n += p.gate.step() ? 1 : 0;
        }
        return n == 0 ? "nothing is waiting: press step again once a message is in flight"
            : "delivered " + n + " message" + (n == 1 ? "" : "s");
      }
      case "slowdown" -> {
        if (!(value >= 1) || Double.isInfinite(value)) {
          throw new IllegalArgumentException("slowdown must be a number >= 1, not " + value);
        }
        slowdown = value;
        targets.forEach(p -> p.live().slowdown(value));
        return "slowdown " + value;
      }
      case "kill" -> {
        for (Panel p : targets) {
          p.kill(peer);
        }
        return "killed peer " + peer;
      }
      case "kill-server" -> {
        int n = 0;
        for (Panel p : targets) {
          for (int s : p.servers()) {
            p.kill(s);
            n++;
          }
        }
        return n == 0 ? "no server here: this topology has none" : "killed " + n + " server" + (n == 1 ? "" : "s");
      }
      case "flash-crowd" -> {
        started = true;
        int n = 0;
        for (Panel p : targets) {
          n += p.flashCrowd(0);
        }
        return n + " clients fetch object 0 now";
      }
      case "add-peers" -> {
        int n = 0;
        for (Panel p : targets) {
          n += p.restartAll();
        }
        return n == 0
            ? "no peer to add: add-peers brings in the peers held back (--reserve) and the killed ones,"
                + " and there are none"
            : n + " peer" + (n == 1 ? "" : "s") + " join through the overlay";
      }
      default -> throw new IllegalArgumentException(
          "unknown action '" + action + "': start, pause, step, slowdown, kill, kill-server, add-peers,"
              + " flash-crowd");
    }
  }

  /** Peer {@code peer}'s state in panel {@code panel}, read on the peer's thread. */
  public CompletionStage<String> peerState(int panel, int peer) {
    if (panel < 0 || panel >= panels.size()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("no panel " + panel));
    }
    Panel p = panels.get(panel);
    if (peer < 0 || peer >= p.setup.peers()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "no peer " + peer + ": addresses are 0.." + (p.setup.peers() - 1)));
    }
    return p.peerState(peer).thenApply(Demo::json);
  }

  private List<Panel> targets(int panel) {
    if (panel == -1) {
      return panels;
    }
    if (panel < 0 || panel >= panels.size()) {
      throw new IllegalArgumentException("no panel " + panel + ": panels are 0.." + (panels.size() - 1));
    }
    return List.of(panels.get(panel));
  }

  private int waiting() {
    return panels.stream().mapToInt(p -> p.gate.waiting()).sum();
  }

  // ---- the tick ----

  private void tick() {
    try {
      if (started && !paused) {
        panels.forEach(Panel::issue);
      }
      String frame = frame();
      for (Consumer<String> l : listeners) {
        l.accept(frame);
      }
    } catch (RuntimeException e) {
      // One bad tick must not stop the ticker (a scheduled task that throws is never run again).
      System.err.println("peerlab demo: tick failed: " + e);
    }
  }

  private String frame() {
    long now = System.nanoTime();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "frame");
    m.put("seq", seq++);
    m.put("timeMs", (now - origin) / 1_000_000);
    m.put("started", started);
    m.put("paused", paused);
    m.put("slowdown", slowdown);
    List<Object> ps = new ArrayList<>();
    boolean done = !options.loop();
    for (Panel p : panels) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("id", p.index);
      pm.put("events", p.tap.drain(options.eventsPerFrame()));
      pm.put("results", p.takeResults());
      pm.put("killed", p.killed());
      pm.put("stats", p.stats(now));
      ps.add(pm);
      done &= p.completed() >= p.scripted();
    }
    m.put("panels", ps);
    m.put("done", done);
    return json(m);
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a demo frame", e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    panels.forEach(Panel::close);
  }
}
