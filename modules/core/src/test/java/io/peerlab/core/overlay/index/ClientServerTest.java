package io.peerlab.core.overlay.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Role;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.RunResult;
import org.junit.jupiter.api.Test;

class ClientServerTest {

  @Test
  void everyOpSucceeds_inOneHop_andTheServerUploadsAllContent() {
    SimRuns.Run run = SimRuns.run(TestSpecs.quickstart(ClientServer.NAME));
    RunResult r = run.result();
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.health().errors()).isZero();
    assertThat(r.health().notes()).isEmpty();
    long objectSize = TestSpecs.objects().size();
    int chunks = (int) (objectSize / (64 * 1024));
    for (RunResult.OpSummary o : r.figures().ops().values()) {
      assertThat(o.failed()).isZero();
      assertThat(o.hops().mean()).isEqualTo(1.0);
      assertThat(o.hops().max()).isEqualTo(1.0);
    }
    assertThat(r.figures().ops().get("lookup").messages().mean()).isEqualTo(2.0);
    assertThat(r.figures().ops().get("search").messages().mean()).isEqualTo(2.0);
    // Locate request and reply, then a request and a reply per chunk.
    assertThat(r.figures().ops().get("fetch").messages().mean()).isEqualTo(2.0 + 2 * chunks);
    assertThat(r.figures().ops().get("fetch").bytes()).isEqualTo(r.figures().ops().get("fetch").ok() * objectSize);
    assertThat(r.figures().ops().get("search").recall()).isEqualTo(1.0);
    assertThat(r.figures().load().serverShareOfContent()).isEqualTo(1.0);

    long serverContent = 0;
    for (PeerStats p : run.outcome().peers()) {
      if (p.role() == Role.SERVER) {
        serverContent += p.contentBytesUploaded();
      } else {
        assertThat(p.role()).isEqualTo(Role.CLIENT);
        assertThat(p.contentBytesUploaded()).isZero();
      }
    }
    assertThat(serverContent).isEqualTo(r.figures().ops().get("fetch").bytes());
  }

  @Test
  void severalServers_shareTheClients() {
    SimRuns.Run run =
        SimRuns.run(TestSpecs.spec(ClientServer.NAME, 20, 3, TestSpecs.closed(12, 240, 0)));
    long busy =
        run.outcome().peers().stream()
            .filter(p -> p.role() == Role.SERVER && p.messagesHandled() > 0)
            .count();
    assertThat(busy).isEqualTo(3);
    assertThat(run.result().figures().ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
  }
}
