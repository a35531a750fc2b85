package io.peerlab.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.metrics.OpStats;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.workload.Op;
import io.peerlab.core.workload.OpType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Ops submitted from outside a peer's script ({@link PeerNode#submit}), on a minimal hand-driven
 * host: messages are delivered in FIFO order at the current virtual time, timers fire only when
 * the test advances the clock.
 */
class PeerNodeSubmitTest {

  /** A deterministic host for a handful of nodes: one FIFO of messages, timers by due time. */
  private static final class Host {
    private record Envelope(int from, int to, Message message) {}

    private record Timer(int peer, long handle) {}

    final PeerNode[] nodes;
    final Deque<Envelope> inFlight = new ArrayDeque<>();
    final TreeMap<Long, List<Timer>> timers = new TreeMap<>();
    final List<Phase> phasesDone = new ArrayList<>();
    boolean dropMessages;
    long now;
    int scriptOpsEnded;

    Host(RunSetup setup) {
      nodes = new PeerNode[setup.peers()];
      for (int a = 0; a < nodes.length; a++) {
        int self = a;
        nodes[a] = new PeerNode(a, setup, new Port() {
          @Override
          public long now() {
            return now;
          }

          @Override
          public void send(int to, Message message) {
            if (!dropMessages) {
              inFlight.add(new Envelope(self, to, message));
            }
          }

          @Override
          public void startTimer(long delayNanos, long handle) {
            timers.computeIfAbsent(now + delayNanos, k -> new ArrayList<>()).add(new Timer(self, handle));
          }

          @Override
          public void cancelTimer(long handle) {}

          @Override
          public void complete(long opToken, boolean ok, boolean measured) {
            scriptOpsEnded++;
          }

          @Override
          public void phaseDone(Phase phase) {
            phasesDone.add(phase);
          }
        });
      }
    }

    /** Delivers messages until none are in flight (no time passes). */
    void pump() {
      while (!inFlight.isEmpty()) {
        Envelope e = inFlight.poll();
        nodes[e.to].deliver(e.from, e.message);
      }
    }

    /** Moves the clock to {@code t}, firing every timer due by then (and pumping after each). */
    void advanceTo(long t) {
      while (!timers.isEmpty() && timers.firstKey() <= t) {
        var due = timers.pollFirstEntry();
        now = due.getKey();
        for (Timer timer : due.getValue()) {
          nodes[timer.peer].fire(timer.handle);
          pump();
        }
      }
      now = t;
    }

    void boot() {
      for (Phase p : List.of(Phase.JOIN, Phase.PUBLISH)) {
        for (PeerNode n : nodes) {
          n.begin(p);
        }
        pump();
      }
    }
  }

  private static RunSetup setup(String topology) {
    return RunSetup.of(TestSpecs.spec(topology, 6, 1, TestSpecs.closed(5, 10, 0)));
  }

  private static Op op(OpType type, int object, List<String> keywords) {
    return new Op(0, type, object, keywords, -1);
  }

  @Test
  void submit_lookupOnClientServer_answersFromTheServerInOneHop() {
    Host host = new Host(setup(ClientServer.NAME));
    host.boot();
    List<OpResult> results = new ArrayList<>();

    long token = host.nodes[3].submit(op(OpType.LOOKUP, 7, List.of()), results::add);
    assertThat(results).isEmpty();
    host.now = 1_000;
    host.pump();

    assertThat(results).hasSize(1);
    OpResult r = results.get(0);
    assertThat(r.op()).isEqualTo(token);
    assertThat(OpToken.client(token)).isEqualTo(3);
    assertThat(r.type()).isEqualTo(OpType.LOOKUP);
    assertThat(r.ok()).isTrue();
    assertThat(r.failure()).isNull();
    assertThat(r.hops()).isEqualTo(1);
    assertThat(r.peers()).containsExactly(0);
    assertThat(r.latencyNanos()).isEqualTo(1_000);
  }

  @Test
  void submit_atAPeerWithoutAScript_runsLikeAnyOther() {
    // Central-index peers are BOTH; with 5 peers and 1 client, peers 2..5 run no script.
    RunSetup setup =
        RunSetup.of(TestSpecs.spec(CentralIndex.NAME, 6, 1, TestSpecs.closed(1, 2, 0)));
    assertThat(setup.scriptAt(4)).isNull();
    Host host = new Host(setup);
    host.boot();
    List<OpResult> results = new ArrayList<>();

    host.nodes[4].submit(op(OpType.LOOKUP, 7, List.of()), results::add);
    host.pump();

    assertThat(results).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
  }

  @Test
  void submit_searchAndFetchOnCentralIndex_reportWhatTheyFoundAndDownloaded() {
    RunSetup setup = setup(CentralIndex.NAME);
    Host host = new Host(setup);
    host.boot();
    List<OpResult> results = new ArrayList<>();
    int object = setup.placement().objectsOf(2).get(0);
    String keyword = setup.catalog().keywords(object).get(0);

    host.nodes[4].submit(op(OpType.SEARCH, 0, List.of(keyword)), results::add);
    host.nodes[4].submit(op(OpType.FETCH, object, List.of()), results::add);
    host.pump();
    // Uploads are paced on the holder's uplink by timers: let virtual time pass until the fetch
    // ends (well before its 30 s op timeout).
    while (results.size() < 2 && !host.timers.isEmpty() && host.timers.firstKey() < 20_000_000_000L) {
      host.advanceTo(host.timers.firstKey());
    }

    assertThat(results).hasSize(2);
    OpResult search = results.get(0);
    assertThat(search.ok()).isTrue();
    assertThat(search.found()).contains(setup.catalog().id(object));
    assertThat(search.recall()).isEqualTo(1.0);
    OpResult fetch = results.get(1);
    assertThat(fetch.ok()).isTrue();
    assertThat(fetch.peers()).contains(2);
    assertThat(fetch.bytes()).isEqualTo(setup.spec().objects().size());
  }

  @Test
  void submit_failsWithTimeoutAfterTheRunsOpTimeout_whenNoAnswerComes() {
    RunSetup setup = setup(ClientServer.NAME);
    Host host = new Host(setup);
    host.boot();
    host.dropMessages = true;
    List<OpResult> results = new ArrayList<>();

    host.nodes[1].submit(op(OpType.LOOKUP, 1, List.of()), results::add);
    long timeout = setup.spec().workload().opTimeoutNanos();
    host.advanceTo(timeout - 1);
    assertThat(results).isEmpty();
    host.advanceTo(timeout);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).ok()).isFalse();
    assertThat(results.get(0).failure()).isEqualTo(Failures.TIMEOUT);
  }

  @Test
  void finish_failsSubmittedOpsStillInFlight_andLaterSubmissionsAtOnce() {
    Host host = new Host(setup(ClientServer.NAME));
    host.boot();
    List<OpResult> results = new ArrayList<>();
    host.nodes[2].submit(op(OpType.LOOKUP, 1, List.of()), results::add);

    host.nodes[2].finish();
    host.nodes[2].submit(op(OpType.LOOKUP, 2, List.of()), results::add);

    assertThat(results).extracting(OpResult::failure)
        .containsExactly(Failures.UNFINISHED, Failures.UNFINISHED);
  }

  @Test
  void submit_isNotRecordedInTheScriptsStats_andDoesNotHoldUpAClosedLoopScript() {
    Host host = new Host(setup(ClientServer.NAME));
    host.boot();
    PeerNode client = host.nodes[1];
    List<OpResult> results = new ArrayList<>();
    host.dropMessages = true;
    client.submit(op(OpType.LOOKUP, 1, List.of()), results::add); // never answered
    host.dropMessages = false;

    for (PeerNode n : host.nodes) {
      n.begin(Phase.MEASURE);
    }
    host.pump();

    // The script ran to its end beside the unanswered submitted op.
    int scripted = setup(ClientServer.NAME).scriptAt(1).measured().size();
    assertThat(host.phasesDone).contains(Phase.MEASURE);
    assertThat(client.busy()).isTrue();
    assertThat(results).isEmpty();
    long recorded = 0;
    for (OpType t : OpType.OPS) {
      OpStats s = client.stats().opOrNull(t);
      recorded += s == null ? 0 : s.count();
    }
    assertThat(recorded).isEqualTo(scripted);
  }
}
