package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Failures;
import io.peerlab.core.api.OpToken;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.ClientServer;
import io.peerlab.core.overlay.index.IndexMessage;
import io.peerlab.core.peer.OpResult;
import io.peerlab.core.peer.PeerNode;
import io.peerlab.core.run.MessageObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A {@link LiveSystem} on a real ActorSystem, driven from the test thread. */
class LiveSystemTest {

  private static RunSetup setup(String topology, int peers, NetworkSpec network) {
    RunSpec base = TestSpecs.spec(topology, peers, 1, TestSpecs.closed(peers - 1, peers - 1, 0));
    return RunSetup.of(base.edit(e -> e.network = network));
  }

  private static OpResult await(java.util.concurrent.CompletionStage<OpResult> r) throws Exception {
    return r.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void lookups_fromManyClientsAtOnce_allAnsweredByTheServerInOneHop() throws Exception {
    try (LiveSystem live = LiveSystem.start(setup(ClientServer.NAME, 16, NetworkSpec.off()))) {
      assertThat(live.clients()).hasSize(15).startsWith(1).endsWith(15);
      List<CompletableFuture<OpResult>> pending = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int client = live.clients()[i % 15];
        pending.add(live.lookup(client, i % 100).toCompletableFuture());
      }
      for (int i = 0; i < pending.size(); i++) {
        OpResult r = pending.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).as("lookup %d: %s", i, r.failure()).isTrue();
        assertThat(r.hops()).isEqualTo(1);
        assertThat(r.peers()).containsExactly(0);
        assertThat(OpToken.client(r.op())).isEqualTo(live.clients()[i % 15]);
      }
      assertThat(live.errors()).isZero();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"super-peer", "flooding", "random-walk", "chord", "kademlia"})
  void everyOverlay_bootsAndAnswersLookups_withTheNetworkModelOnAndOff(String topology)
      throws Exception {
    for (NetworkSpec network : List.of(NetworkSpec.off(), NetworkSpec.latencyOnly(TestSpecs.MS))) {
      try (LiveSystem live = LiveSystem.start(setup(topology, 24, network))) {
        List<CompletableFuture<OpResult>> pending = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          pending.add(live.lookup(live.clients()[i % live.clients().length], i).toCompletableFuture());
        }
        int ok = 0;
        for (CompletableFuture<OpResult> f : pending) {
          ok += f.get(60, TimeUnit.SECONDS).ok() ? 1 : 0;
        }
        assertThat(ok).as("%s, network %s", topology, network.enabled()).isGreaterThanOrEqualTo(38);
        assertThat(live.errors()).isZero();
      }
    }
  }

  @Test
  void searchAndFetch_onCentralIndex_findTheObjectAndDownloadItFromAPeer() throws Exception {
    RunSetup setup = setup(CentralIndex.NAME, 12, NetworkSpec.off());
    int holder = 5;
    int object = setup.placement().objectsOf(holder).get(0);
    String keyword = setup.catalog().keywords(object).get(0);
    try (LiveSystem live = LiveSystem.start(setup)) {
      OpResult search = await(live.search(9, List.of(keyword)));
      OpResult fetch = await(live.fetch(9, object));

      assertThat(search.ok()).isTrue();
      assertThat(search.found()).contains(setup.catalog().id(object));
      assertThat(search.recall()).isEqualTo(1.0);
      assertThat(fetch.ok()).isTrue();
      assertThat(fetch.peers()).contains(holder);
      assertThat(fetch.bytes()).isEqualTo(setup.spec().objects().size());
    }
  }

  @Test
  void withTheNetworkModelOn_aLookupTakesAtLeastTheModelledRoundTrip() throws Exception {
    long oneWay = 5 * TestSpecs.MS;
    ConcurrentLinkedQueue<Long> lookupDeliveries = new ConcurrentLinkedQueue<>();
    MessageObserver observer = (t, from, to, m) -> {
      if (m instanceof IndexMessage.Lookup || m instanceof IndexMessage.LookupReply) {
        lookupDeliveries.add(t);
      }
    };
    RunSetup setup = setup(ClientServer.NAME, 4, NetworkSpec.latencyOnly(oneWay));
    try (LiveSystem live = LiveSystem.start(setup, observer, ConfigFactory.empty())) {
      long sent = live.now();
      OpResult r = await(live.lookup(2, 3));

      assertThat(r.ok()).isTrue();
      assertThat(r.latencyNanos()).isGreaterThanOrEqualTo(2 * oneWay);
      assertThat(lookupDeliveries).hasSize(2);
      List<Long> at = List.copyOf(lookupDeliveries);
      assertThat(at.get(0)).isGreaterThanOrEqualTo(sent + oneWay);
      assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(oneWay);
    }
  }

  @Test
  void close_failsOpsStillInFlight_andLaterOpsAtOnce() throws Exception {
    // 20 s each way: the lookup cannot finish before close().
    RunSetup setup = setup(ClientServer.NAME, 4, NetworkSpec.latencyOnly(20 * TestSpecs.SEC));
    LiveSystem live = LiveSystem.start(setup);
    CompletableFuture<OpResult> inFlight = live.lookup(1, 0).toCompletableFuture();
    live.close();

    OpResult r = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).isEqualTo(Failures.UNFINISHED);
    assertThat(live.lookup(1, 0).toCompletableFuture())
        .failsWithin(1, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("closed");
  }

  @Test
  void opsFromAPeerThatIssuesNone_orForObjectsNotInTheCatalog_areRefusedWithTheRangeAllowed() {
    try (LiveSystem live = LiveSystem.start(setup(ClientServer.NAME, 6, NetworkSpec.off()))) {
      assertThatThrownBy(() -> live.lookup(0, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("peer 0 is a SERVER")
          .hasMessageContaining("clients are 1..5");
      assertThatThrownBy(() -> live.lookup(9, 1)).hasMessageContaining("addresses are 0..5");
      assertThatThrownBy(() -> live.fetch(1, 100)).hasMessageContaining("objects 0..99");
      assertThatThrownBy(() -> live.search(1, List.of())).hasMessageContaining("keyword");
    }
  }
}
