package io.peerlab.demo;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.peer.OpResult;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import io.peerlab.runtime.LiveSystem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One topology of the demo, live: its {@link LiveSystem} on the local runtime, the gate that
 * pauses and cuts peers off, the tap that sees every message, and the clients' op scripts played
 * out at a pace a person can follow.
 */
final class Panel {
  /** Latencies kept for the percentiles. */
  private static final int WINDOW = 500;
  /** Op results a frame carries at most. */
  private static final int RESULTS_PER_FRAME = 200;

  final int index;
  final String title;
  final RunSetup setup;
  final String view;
  final DemoGate gate = new DemoGate();
  /** Peers the page killed (crashed through {@link LiveSystem#crash}) and not brought back. */
  private final java.util.BitSet down = new java.util.BitSet();
  final EventTap tap;
  private final LiveSystem live;
  private final int[] clients;
  private final boolean loop;
  private final int maxInFlight;
  private final int[] cursor;
  /** Times a client's script has started over ({@link #loop}); fetches run in the first pass only. */
  private final int[] pass;
  private final boolean[] busy;
  private final List<List<Op>> scripts = new ArrayList<>();
  private int next;
  private int inFlight;
  private int started;
  private int completed;
  private int failed;
  private int extraSeq = 1 << 30;
  private final ArrayDeque<Double> latencies = new ArrayDeque<>();
  private final ArrayDeque<Long> completions = new ArrayDeque<>();
  private final List<Map<String, Object>> doneSinceFrame = new ArrayList<>();

  Panel(int index, String title, RunSetup setup, int tapCapacity, boolean loop, double slowdown,
      int reserve) {
    this.index = index;
    this.title = title;
    this.setup = setup;
    this.view = Views.of(setup.topology().name());
    boolean[] servers = new boolean[setup.peers()];
    for (int s : setup.directory().servers()) {
      servers[s] = true;
    }
    this.tap = new EventTap(tapCapacity, servers, view.equals("graph"));
    this.live = LiveSystem.start(setup, tap, ConfigFactory.empty(), gate);
    this.clients = java.util.Arrays.stream(live.clients())
        .filter(c -> setup.scriptAt(c) != null).toArray();
    this.loop = loop;
    this.maxInFlight = Math.max(2, (int) Math.min(clients.length, 200 / Math.max(1, slowdown)));
    this.cursor = new int[setup.peers()];
    this.pass = new int[setup.peers()];
    this.busy = new boolean[setup.peers()];
    for (int a = 0; a < setup.peers(); a++) {
      List<Op> ops = new ArrayList<>();
      var script = setup.directory().get(a).role().issues() ? setup.scriptAt(a) : null;
      if (script != null) {
        ops.addAll(script.warmup());
        ops.addAll(script.measured());
      }
      scripts.add(ops);
    }
    live.slowdown(slowdown);
    // Peers held back: down from the start (as killed ones are, so the page does not draw them)
    // until add-peers brings them in. Servers are never held back, and one peer always stays.
    int held = 0;
    for (int a = setup.peers() - 1; a > 0 && held < reserve; a--) {
      if (!servers[a]) {
        kill(a);
        held++;
      }
    }
    // Boot traffic (joins, publishing) is not what a page starts with: counters start at zero
    // here, while a graph's links from it are kept by the tap and go out with the hello.
    tap.reset();
  }

  LiveSystem live() {
    return live;
  }

  boolean flashCrowd() {
    return setup.spec().workload().mode() == LoadMode.FLASH_CROWD;
  }

  /** Starts the next ops of the clients' scripts, round robin, up to the panel's pace. */
  synchronized void issue() {
    if (gate.paused()) {
      return;
    }
    int budget = flashCrowd() ? clients.length : maxInFlight - inFlight;
    for (int tried = 0; budget > 0 && tried < clients.length; tried++) {
      int c = clients[next];
      next = (next + 1) % clients.length;
      if (busy[c] || isDown(c)) {
        continue;
      }
      List<Op> script = scripts.get(c);
      if (cursor[c] >= script.size()) {
        if (!loop || flashCrowd()) {
          continue;
        }
        cursor[c] = 0;
        pass[c]++;
      }
      Op op = script.get(cursor[c]++);
      if (pass[c] > 0 && op.type() == OpType.FETCH) {
        continue;
      }
      start(c, op);
      budget--;
    }
  }

  /** Every live client fetches {@code object} now (the demo's flash crowd button). */
  synchronized int flashCrowd(int object) {
    int n = 0;
    for (int c : clients) {
      if (!isDown(c) && !busy[c]) {
        start(c, new Op(extraSeq++, OpType.FETCH, object, List.of(), -1));
        n++;
      }
    }
    return n;
  }

  private void start(int client, Op op) {
    busy[client] = true;
    inFlight++;
    started++;
    live.submit(client, op).thenAccept(r -> done(client, r));
  }

  private synchronized void done(int client, OpResult r) {
    busy[client] = false;
    inFlight--;
    completed++;
    if (!r.ok()) {
      failed++;
    }
    double ms = r.latencyNanos() / 1e6;
    latencies.add(ms);
    if (latencies.size() > WINDOW) {
      latencies.poll();
    }
    completions.add(System.nanoTime());
    if (doneSinceFrame.size() < RESULTS_PER_FRAME) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", io.peerlab.core.api.OpToken.format(r.op()));
      m.put("client", client);
      m.put("type", r.type().label());
      m.put("ok", r.ok());
      m.put("ms", Math.round(ms * 10) / 10.0);
      m.put("hops", r.hops());
      m.put("peers", r.peers());
      doneSinceFrame.add(m);
    }
  }

  /** Ops that ended (ok or not) since the panel started. */
  synchronized int completed() {
    return completed;
  }

  synchronized int started() {
    return started;
  }

  /** Ops of the clients' scripts in total (warm-up included). */
  int scripted() {
    int n = 0;
    for (int c : clients) {
      n += scripts.get(c).size();
    }
    return n;
  }

  /** The counters and charts' data for one frame, and the op results since the last one. */
  synchronized Map<String, Object> stats(long nowNanos) {
    while (!completions.isEmpty() && nowNanos - completions.peek() > 1_000_000_000L) {
      completions.poll();
    }
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("started", started);
    s.put("completed", completed);
    s.put("failed", failed);
    s.put("inFlight", inFlight);
    s.put("opsPerSec", completions.size());
    s.put("p50Ms", percentile(sorted, 0.50));
    s.put("p99Ms", percentile(sorted, 0.99));
    s.put("serverShare", Math.round(tap.serverShare() * 1000) / 1000.0);
    s.put("uploadBytes", tap.uploadBytes());
    s.put("messages", tap.delivered());
    s.put("messagesByType", tap.byType());
    s.put("eventsDropped", tap.dropped());
    s.put("waiting", gate.waiting());
    s.put("errors", live.errors());
    return s;
  }

  synchronized List<Map<String, Object>> takeResults() {
    List<Map<String, Object>> out = List.copyOf(doneSinceFrame);
    doneSinceFrame.clear();
    return out;
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, i))] * 10) / 10.0;
  }

  /** What the page draws before any message: the peers, where they sit, their roles. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", index);
    m.put("title", title);
    m.put("topology", setup.topology().name());
    m.put("transfer", setup.spec().transfer().name());
    m.put("view", view);
    m.put("grid", setup.spec().workload().fetchShare() > 0 || flashCrowd());
    m.put("pieces", setup.catalog().size() == 0 ? 0 : setup.catalog().manifest(0).chunkCount());
    List<Map<String, Object>> peers = new ArrayList<>();
    for (int a = 0; a < setup.peers(); a++) {
      PeerInfo p = setup.directory().get(a);
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("id", a);
      pm.put("key", p.key().toString());
      pm.put("pos", Views.ringPosition(p.key()));
      pm.put("role", p.role().name().toLowerCase());
      pm.put("server", Arrays.stream(setup.directory().servers()).anyMatch(s -> s == p.address()));
      peers.add(pm);
    }
    m.put("peers", peers);
    if (view.equals("graph")) {
      m.put("links", tap.links());
    }
    return m;
  }

  CompletionStage<Map<String, Object>> peerState(int peer) {
    return live.inspect(peer, PeerState::of);
  }

  /**
   * Crashes {@code peer} now, as the churn model's crash does ({@link LiveSystem#crash}): its ops
   * in flight fail, its overlay state is lost, what arrives for it is ignored until it comes back.
   */
  synchronized void kill(int peer) {
    if (peer < 0 || peer >= setup.peers()) {
      throw new IllegalArgumentException("no peer " + peer + " in " + title + ": addresses are 0.."
          + (setup.peers() - 1));
    }
    down.set(peer);
    live.crash(peer);
  }

  /**
   * Brings in every peer that is down, held back at the start or killed: each joins through its
   * overlay's join protocol with a fresh overlay, as a newcomer or a churned peer coming back does.
   */
  synchronized int restartAll() {
    int n = 0;
    for (int peer = down.nextSetBit(0); peer >= 0; peer = down.nextSetBit(peer + 1)) {
      live.restart(peer);
      n++;
    }
    down.clear();
    return n;
  }

  synchronized boolean isDown(int peer) {
    return down.get(peer);
  }

  synchronized int[] killed() {
    return down.stream().toArray();
  }

  int[] servers() {
    return setup.directory().servers();
  }

  void close() {
    gate.resume();
    live.close();
  }
}
