package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.api.Settings;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.run.ProgressListener;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.workload.LoadMode;
import io.peerlab.core.workload.WorkloadSpec;
import io.peerlab.runtime.LocalRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-JVM: three real node JVMs on 127.0.0.1 form a Pekko Cluster with this test's JVM as the
 * run process. Each topology runs there and on the local runtime with the same spec; the merged
 * results must agree where the protocol is deterministic. The last test kills a node mid-run.
 * Topologies are listed by name: add new ones to {@link #TOPOLOGIES}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRuntimeTest {
  /** Every topology this test runs on the cluster: add new ones here, by name. */
  static final List<String> TOPOLOGIES = List.of("client-server", "central-index");

  static List<String> topologies() {
    return TOPOLOGIES;
  }

  /**
   * Overlays whose message counts depend on real-time arrival order (graph joins, duplicate
   * suppression, stabilisation timers), so they are checked for a clean run rather than for the
   * local runtime's exact counts: add new ones here, by name.
   */
  static final List<String> OVERLAY_TOPOLOGIES =
      List.of("super-peer", "flooding", "random-walk", "chord", "kademlia");

  static List<String> overlayTopologies() {
    return OVERLAY_TOPOLOGIES;
  }

  private static ChildNodes nodes;
  private static ClusterRuntime runtime;

  @BeforeAll
  static void formCluster() {
    nodes = ChildNodes.start("cluster-runtime-test", 3);
    runtime = new ClusterRuntime(ClusterSettings.loopback(nodes.seedPort(), 3).withTls(nodes.tls()),
        s -> System.out.println("cluster: " + s));
  }

  /** The members a run may report: the nodes this test started, nothing else. */
  private static Set<String> startedNodes() {
    Set<String> started = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      started.add(nodes.address(i));
    }
    return started;
  }

  /**
   * Two strangers point at the seed: one speaks plain TCP (no certificate), one TLS with a node
   * certificate of another CA. Each retries joining (Pekko logs each failed round); over that time
   * and a few seconds more, the members this process sees are the started nodes and itself only.
   * The strangers keep retrying through the runs below, whose members must be the started nodes.
   */
  @Order(0)
  @Test
  void strangers_withoutTheCertificate_orWithAnotherCasCertificate_neverBecomeMembers() throws IOException {
    Path otherCa = Files.createTempDirectory("peerlab-other-ca-");
    try {
      ClusterTls.init(otherCa, true);
      Set<String> allowed = runtime.memberAddresses();
      assertThat(allowed).as("the three nodes and this run process").hasSize(4).containsAll(startedNodes());
      int plain = nodes.stranger("stranger-plain-tcp", Optional.empty());
      int otherCaPort = nodes.stranger("stranger-other-ca", Optional.of(otherCa));
      List<Path> logs = List.of(ChildNodes.log("stranger-plain-tcp", 0), ChildNodes.log("stranger-other-ca", 0));
      // Until both strangers have failed a join round and for 5 s more, poll the membership.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      long quietUntil = Long.MAX_VALUE;
      int polls = 0;
      while (System.nanoTime() < Math.min(end, quietUntil)) {
        assertThat(runtime.memberAddresses()).as("members after " + polls + " polls").isEqualTo(allowed);
        if (quietUntil == Long.MAX_VALUE && logs.stream().allMatch(l -> contains(l, "Couldn't join seed nodes"))) {
          quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        }
        polls++;
        // The strangers are other JVMs whose attempts show in their logs: poll.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
      assertThat(quietUntil).as("both strangers tried and failed to join within 120 s").isNotEqualTo(Long.MAX_VALUE);
      assertThat(runtime.memberAddresses()).isEqualTo(allowed)
          .doesNotContain("127.0.0.1:" + plain, "127.0.0.1:" + otherCaPort);
      System.out.println("strangers on ports " + plain + " (plain TCP) and " + otherCaPort + " (another CA) after "
          + polls + " polls; members: " + runtime.memberAddresses());
    } finally {
      ClusterTls.delete(otherCa);
    }
  }

  private static boolean contains(Path log, String text) {
    try {
      return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      if (nodes != null) {
        nodes.close();
        assertThat(nodes.allGone()).as("every child JVM has exited").isTrue();
      }
    }
  }

  @Order(1)
  @ParameterizedTest
  @MethodSource("topologies")
  void topology_runsAcrossThreeJvms_andMatchesTheLocalRuntime(String topology) {
    RunSetup setup = RunSetup.of(TestSpecs.quickstart(topology));

    RunResult cluster = Summaries.summarize(setup, "cluster", runtime.run(setup, RunControl.quiet()), null);
    System.out.println(topology + " on cluster: " + cluster);
    RunResult local = Summaries.summarize(setup, "local", new LocalRuntime().run(setup, RunControl.quiet()), null);

    assertThat(cluster.timing().deadlineHit()).isFalse();
    assertThat(cluster.health().errors()).isZero();
    assertThat(cluster.health().notes()).isEmpty();
    long ops = cluster.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    long ok = cluster.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
    assertThat(ops).isEqualTo(setup.workload().measuredOps());
    assertThat(ok).isEqualTo(ops);
    // The index protocols are deterministic without loss: the same ops send the same messages
    // and take the same hops on every runtime. (A reply can escape the count when its request
    // reaches a server before the server's own start of the measured phase: allow a couple.)
    assertThat(cluster.figures().messages().keySet()).isEqualTo(local.figures().messages().keySet());
    cluster.figures().messages().forEach((op, n) ->
        assertThat(n).as(op + " messages").isCloseTo(local.figures().messages().get(op), within(2 + local.figures().messages().get(op) / 100)));
    cluster.figures().ops().forEach((op, s) -> {
      assertThat(s.count()).isEqualTo(local.figures().ops().get(op).count());
      assertThat(s.hops()).isEqualTo(local.figures().ops().get(op).hops());
    });
    // With the network model on, a lookup takes at least two 5 ms link latencies.
    assertThat(cluster.figures().ops().get("lookup").latencyMs().p50()).isGreaterThanOrEqualTo(10.0);

    List<MemberFigures> members = cluster.members();
    assertThat(members).extracting(MemberFigures::member).as("only the nodes this test started")
        .containsExactlyInAnyOrderElementsOf(startedNodes());
    assertThat(members.stream().mapToInt(MemberFigures::peers).sum()).isEqualTo(setup.peers());
    for (MemberFigures m : members) {
      assertThat(m.lost()).isFalse();
      assertThat(m.messagesSent()).isPositive();
      assertThat(m.messagesReceived()).isPositive();
      assertThat(m.clockOffsetMs()).as("JVMs of one host share a clock").isZero();
    }
    long sent = members.stream().mapToLong(MemberFigures::messagesSent).sum();
    long received = members.stream().mapToLong(MemberFigures::messagesReceived).sum();
    long local2 = members.stream().mapToLong(MemberFigures::messagesLocal).sum();
    assertThat(received).isEqualTo(sent);
    // A member starts and stops counting when it begins and ends the phase, its peers when each
    // does: a handful of messages apart at the phase's edges.
    long total = cluster.figures().messages().values().stream().mapToLong(Long::longValue).sum();
    assertThat(sent + local2).isCloseTo(total, within(total / 50 + 10));
    assertThat(local.members()).isNull();
  }

  /**
   * Churn is one seeded plan that every peer executes itself: the same peers go down at the same
   * moments of the measured phase on every runtime, so the ops that could not be issued (their
   * client was down when they fell due) are exactly the same on the cluster, on local actors and
   * on the simulator, and so are the peers up over time.
   */
  @Order(1)
  @Test
  void churn_followsTheSamePlan_onTheCluster_onLocalActors_andOnTheSimulator() {
    long sec = 1_000_000_000L;
    WorkloadSpec open = new WorkloadSpec(LoadMode.OPEN, 20, 600, 0, 100, 0, 0.6, 0.4, 0.0, 3 * sec, 1);
    RunSpec base = TestSpecs.spec("central-index", 40, 1, open);
    io.peerlab.core.churn.ChurnSettings churn = new io.peerlab.core.churn.ChurnSettings(
        io.peerlab.core.churn.ChurnSettings.Model.EXPONENTIAL, 3 * sec, 0.5, 2 * sec, 0.5, List.of(), 0);
    RunSpec spec = base.edit(e -> e.settings = base.settings().with(churn));
    RunSetup setup = RunSetup.of(spec);

    RunOutcome onCluster = runtime.run(setup, RunControl.quiet());
    RunResult cluster = Summaries.summarize(setup, "cluster", onCluster, null, sec);
    RunResult local = Summaries.summarize(
        RunSetup.of(spec), "local", new LocalRuntime().run(RunSetup.of(spec), RunControl.quiet()), null, sec);
    RunSetup simSetup = RunSetup.of(spec);
    RunResult sim = Summaries.summarize(
        simSetup, "sim", new io.peerlab.core.sim.SimHost().run(simSetup, RunControl.quiet()), null, sec);

    for (RunResult r : List.of(cluster, local, sim)) {
      assertThat(r.timing().deadlineHit()).as(r.identity().runtime()).isFalse();
      assertThat(r.health().errors()).as(r.identity().runtime()).isZero();
      assertThat(r.figures().dataLoss()).as(r.identity().runtime()).isNotNull();
    }
    long notIssued = sim.figures().ops().values().stream().mapToLong(RunResult.OpSummary::notIssued).sum();
    assertThat(notIssued).as("the plan takes clients down while their ops fall due").isGreaterThan(20);
    sim.figures().ops().forEach((op, s) -> {
      assertThat(cluster.figures().ops().get(op).notIssued()).as("cluster " + op).isEqualTo(s.notIssued());
      assertThat(local.figures().ops().get(op).notIssued()).as("local " + op).isEqualTo(s.notIssued());
      assertThat(cluster.figures().ops().get(op).ok()).as("cluster " + op + " ok").isPositive();
    });
    // The peers up per second of the measured phase come from the plan (compare the intervals the
    // three runs share: real-time runs end a little later than virtual ones).
    List<Integer> a = sim.timeline().alivePeers();
    List<Integer> c = cluster.timeline().alivePeers();
    assertThat(c).isNotNull();
    assertThat(c.get(c.size() - 1)).isLessThan(setup.peers());
    assertThat(onCluster.peers()).as("every peer's stats came back").hasSize(setup.peers());
    assertThat(a.get(a.size() - 1)).isLessThan(setup.peers());
  }

  @Order(1)
  @ParameterizedTest
  @MethodSource("overlayTopologies")
  void overlay_runsAcrossThreeJvms_joinsPublishesAndAnswers(String topology) {
    RunSetup setup = RunSetup.of(TestSpecs.quickstart(topology));

    RunResult r = Summaries.summarize(setup, "cluster", runtime.run(setup, RunControl.quiet()), null);
    System.out.println(topology + " on cluster: " + r);

    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.health().errors()).isZero();
    assertThat(r.health().notes()).as("no phase timed out").isEmpty();
    long ops = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    long ok = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
    assertThat(ops).isEqualTo(setup.workload().measuredOps());
    // Unstructured searches may miss now and then in real time (a hit after its window); the
    // structured and index protocols should not: allow 2 %.
    assertThat(ok).isGreaterThanOrEqualTo(ops * 98 / 100);
    List<MemberFigures> members = r.members();
    assertThat(members).extracting(MemberFigures::member).as("only the nodes this test started")
        .containsExactlyInAnyOrderElementsOf(startedNodes());
    assertThat(members).allSatisfy(m -> {
      assertThat(m.lost()).isFalse();
      assertThat(m.messagesDropped()).isZero();
      assertThat(m.messagesSent()).as("its peers talked to peers on other members").isPositive();
    });
    assertThat(members.stream().mapToInt(MemberFigures::peers).sum()).isEqualTo(setup.peers());
    // Overlays keep up their links all the time (stabilise, pings), so a few measured messages
    // can still be on the wire when the members hand in their counts: none may be received
    // that was not sent, and at most a handful are in flight at that moment.
    long sent = members.stream().mapToLong(MemberFigures::messagesSent).sum();
    long received = members.stream().mapToLong(MemberFigures::messagesReceived).sum();
    assertThat(received).isLessThanOrEqualTo(sent).isGreaterThanOrEqualTo(sent - 2 * setup.peers());
  }

  @Order(2)
  @Test
  void bulkTraffic_waitsForCredit_andNothingIsDropped() {
    // A flash crowd with the network model off: the server answers 23 clients x 16 outstanding
    // chunk requests as fast as Artery takes them, more than the bulk lane's window per member
    // (upload pipeline 0: every chunk goes to the uplink at once, no per-peer upload queue).
    WorkloadSpec w = new WorkloadSpec(LoadMode.FLASH_CROWD, 23, 23, 0, 0, 0, 0, 0, 1, 30 * TestSpecs.SEC, 1);
    RunSpec spec = new RunSpec("bulk", 7, Topologies.get("client-server"), Transfers.get("single-source"), 24, 1, NetworkSpec.off(),
        new ObjectsSpec(20, 1 << 20, 64 << 10, 0.8, 3, 50, 1), w, 120 * TestSpecs.SEC, 60 * TestSpecs.SEC,
        Settings.of(new FetchSettings(16, 10 * TestSpecs.SEC, false, 0, false)));
    RunSetup setup = RunSetup.of(spec);

    RunResult r = Summaries.summarize(setup, "cluster", runtime.run(setup, RunControl.quiet()), null);

    System.out.println("bulk on cluster: " + r.members());
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(23);
    assertThat(r.figures().ops().get("fetch").bytes()).isEqualTo(23L << 20);
    MemberFigures server = r.members().get(0);
    assertThat(server.flowControlWaits()).as("the server's member held chunks back").isPositive();
    assertThat(r.members()).allSatisfy(m -> assertThat(m.messagesDropped()).isZero());
    assertThat(r.members().stream().mapToLong(MemberFigures::messagesReceived).sum())
        .isEqualTo(r.members().stream().mapToLong(MemberFigures::messagesSent).sum());
  }

  @Order(2)
  @Test
  void rawBench_measuresPlainPekkoBetweenTwoNodes() {
    RawBench.Result r = runtime.rawBench(5_000, 200);
    assertThat(r.rttP50Micros()).isPositive();
    assertThat(r.rttP99Micros()).isGreaterThanOrEqualTo(r.rttP50Micros());
    assertThat(r.messagesPerSec()).isPositive();
  }

  @Order(2)
  @Test
  void peerStream_endsOnceEveryMessageReachedItsPeer_withFramesAsBigAsThePlainStreams() {
    RunSetup setup = RunSetup.of(TestSpecs.quickstart("client-server"));
    // The stream ends only when the receiving member has counted every message and each of its
    // peers has handled what reached it, so returning at all is the check that nothing was lost.
    PeerStream.Result s = runtime.peerStream(setup, 1_000, 5_000, 160);
    RawBench.Result r = runtime.rawBench(5_000, 200, 160);

    assertThat(s.messagesPerSec()).isPositive();
    assertThat(s.senders() + s.receivers()).isEqualTo(setup.peers());
    assertThat(s.receivers()).isEqualTo(setup.peers() / 2);
    assertThat(s.frameBytes()).isBetween(159, 160);
    assertThat(r.frameBytes()).isBetween(159, 160);
  }

  @Order(3)
  @Test
  void killingANodeMidRun_losesItsPeers_andTheRunStillEnds() throws Exception {
    // A longer measured phase with think time, so the kill lands in the middle of it.
    WorkloadSpec w = new WorkloadSpec(
        LoadMode.CLOSED, 12, 360, 24, 0, 20 * TestSpecs.MS, 0.6, 0.2, 0.2, 3 * TestSpecs.SEC, 1);
    RunSpec base = TestSpecs.spec("central-index", 24, 1, w);
    RunSpec spec = base.withDeadlineNanos(120 * TestSpecs.SEC);
    RunSetup setup = RunSetup.of(spec);
    CountDownLatch measuring = new CountDownLatch(1);
    ProgressListener progress = new ProgressListener() {
      @Override
      public void phaseStarted(Phase phase, int ops) {
        if (phase == Phase.MEASURE) {
          measuring.countDown();
        }
      }
    };
    CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(
        () -> runtime.run(setup, new RunControl(progress, null, () -> false)));
    assertThat(measuring.await(120, TimeUnit.SECONDS)).as("the measured phase began").isTrue();
    int victim = nodes.lastByAddress();
    nodes.kill(victim);

    RunOutcome outcome = run.get(150, TimeUnit.SECONDS);
    RunResult r = Summaries.summarize(setup, "cluster", outcome, null);

    // The member that sorts last by address is member 2 of 3: it hosted peers 2, 5, 8, ...
    List<Integer> lostPeers = new Assignment(3).peersOf(2, setup.peers());
    long lostOps = 0;
    for (int a : lostPeers) {
      if (setup.scriptAt(a) != null) {
        lostOps += setup.scriptAt(a).measured().size();
      }
    }
    assertThat(lostOps).isPositive();
    assertThat(r.timing().deadlineHit()).as("the surviving peers finished their scripts").isFalse();
    assertThat(r.members()).hasSize(3);
    List<String> lost = new ArrayList<>();
    for (MemberFigures m : r.members()) {
      if (m.lost()) {
        lost.add(m.member());
      }
    }
    assertThat(lost).containsExactly(nodes.address(victim));
    long memberLost = r.figures().ops().values().stream()
        .mapToLong(o -> o.failures().getOrDefault(ClusterPeers.MEMBER_LOST, 0L)).sum();
    assertThat(memberLost).isEqualTo(lostOps);
    long count = r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::count).sum();
    assertThat(count).isEqualTo(setup.workload().measuredOps());
    assertThat(r.health().notes()).anyMatch(n -> n.contains(nodes.address(victim)) && n.contains("peers count as lost"));
  }
}
