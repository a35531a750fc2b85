package io.peerlab.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The controls on a real demo (Chord on the local runtime), without a page: pause holds the
 * messages, step lets exactly one in, kill cuts a peer off, and bad input is one clear line.
 */
class DemoControlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pauseHoldsMessages_stepDeliversExactlyOne_startResumes() throws Exception {
    try (Demo demo = Demo.start(DemoFixture.chord(16, 8, 100000, "chord"), Demo.Options.defaults(1).withAutostart(true))) {
      DemoFixture.await(demo, 120, "some lookups done", () -> demo.completed()[0] >= 5);
      assertThat(demo.control("pause", -1, -1, Double.NaN)).startsWith("paused");
      DemoFixture.await(demo, 60, "messages waiting at the gate", () -> demo.waitingAtGate()[0] > 0);

      long before = demo.delivered()[0];
      assertThat(demo.control("step", -1, -1, Double.NaN)).isEqualTo("delivered 1 message");
      assertThat(demo.delivered()[0]).isEqualTo(before + 1);
      int done = demo.completed()[0];

      assertThat(demo.control("start", -1, -1, Double.NaN)).isEqualTo("started");
      assertThat(demo.waitingAtGate()[0]).isZero();
      DemoFixture.await(demo, 120, "lookups complete again", () -> demo.completed()[0] > done);
    }
  }

  @Test
  void killedPeer_crashesAndSendsNothing_theRunGoesOn_andAddPeersBringsItBack() throws Exception {
    try (Demo demo = Demo.start(DemoFixture.chord(16, 8, 100000, "chord"), Demo.Options.defaults(1).withAutostart(true))) {
      DemoFixture.await(demo, 120, "some lookups done", () -> demo.completed()[0] >= 5);
      int victim = 7;
      assertThat(demo.control("kill", 0, victim, Double.NaN)).isEqualTo("killed peer 7");
      List<JsonNode> frames = new CopyOnWriteArrayList<>();
      Runnable stop = collect(demo, frames);
      int done = demo.completed()[0];
      DemoFixture.await(demo, 120, "more lookups after the kill",
          () -> demo.completed()[0] > done + 10 && frames.size() > 3);
      stop.run();
      assertThat(JSON.readTree(demo.peerState(0, victim).toCompletableFuture().get()).get("down").asBoolean())
          .isTrue();
      // Frames after the first (which may hold deliveries from before the kill): it sends nothing.
      for (JsonNode f : frames.subList(1, frames.size())) {
        assertThat(f.at("/panels/0/killed").toString()).isEqualTo("[7]");
        for (JsonNode e : f.at("/panels/0/events")) {
          assertThat(e.get("from").asInt()).isNotEqualTo(victim);
        }
      }

      assertThat(demo.control("add-peers", -1, -1, Double.NaN)).isEqualTo("1 peer join through the overlay");
      assertThat(JSON.readTree(demo.peerState(0, victim).toCompletableFuture().get()).get("down").asBoolean())
          .isFalse();
      List<JsonNode> after = new CopyOnWriteArrayList<>();
      Runnable stop2 = collect(demo, after);
      DemoFixture.await(demo, 120, "the peer back sends messages again", () -> after.stream()
          .anyMatch(f -> f.at("/panels/0/events").findValues("from").stream().anyMatch(v -> v.asInt() == victim)));
      stop2.run();
      assertThat(after.get(after.size() - 1).at("/panels/0/killed").toString()).isEqualTo("[]");
    }
  }

  /** Every frame from now on, parsed, into {@code into}; run the result to stop. */
  private static Runnable collect(Demo demo, List<JsonNode> into) {
    return demo.listen(f -> {
      try {
        into.add(JSON.readTree(f));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** --reserve: peers held back at the start are down and not drawn until add-peers brings them in. */
  @Test
  void peersHeldBack_areBroughtInByAddPeers_andJoinTheRing() throws Exception {
    Demo demo = Demo.start(DemoFixture.chord(16, 8, 100000, "chord"),
        Demo.Options.defaults(1).withAutostart(true).withReserve(3));
    try {
      List<JsonNode> frames = new CopyOnWriteArrayList<>();
      Runnable stop = collect(demo, frames);
      DemoFixture.await(demo, 120, "a frame", () -> !frames.isEmpty());
      stop.run();
      // The three highest addresses (no server in chord) are held back.
      assertThat(frames.get(frames.size() - 1).at("/panels/0/killed").toString()).isEqualTo("[13,14,15]");
      for (int p : new int[] {13, 14, 15}) {
        assertThat(JSON.readTree(demo.peerState(0, p).toCompletableFuture().get()).get("down").asBoolean())
            .isTrue();
      }
      assertThat(demo.control("add-peers", -1, -1, Double.NaN)).isEqualTo("3 peers join through the overlay");
      List<JsonNode> after = new CopyOnWriteArrayList<>();
      Runnable stop2 = collect(demo, after);
      DemoFixture.await(demo, 120, "a newcomer sends messages", () -> after.stream()
          .anyMatch(f -> f.at("/panels/0/events").findValues("from").stream().anyMatch(v -> v.asInt() == 14)));
      stop2.run();
      assertThat(after.get(after.size() - 1).at("/panels/0/killed").toString()).isEqualTo("[]");
      assertThat(JSON.readTree(demo.peerState(0, 14).toCompletableFuture().get()).get("down").asBoolean())
          .isFalse();
    } finally {
      demo.close();
    }
  }

  @Test
  void badControls_sayWhatIsAllowed() throws Exception {
    try (Demo demo = Demo.start(DemoFixture.chord(8, 4, 100, "chord"), Demo.Options.defaults(1))) {
      assertThatThrownBy(() -> demo.control("explode", -1, -1, Double.NaN))
          .hasMessage("unknown action 'explode': start, pause, step, slowdown, kill, kill-server, add-peers,"
              + " flash-crowd");
      assertThatThrownBy(() -> demo.control("slowdown", -1, -1, 0.5))
          .hasMessage("slowdown must be a number >= 1, not 0.5");
      assertThatThrownBy(() -> demo.control("kill", 0, 99, Double.NaN))
          .hasMessage("no peer 99 in chord · single-source: addresses are 0..7");
      assertThatThrownBy(() -> demo.control("kill", 3, 1, Double.NaN)).hasMessage("no panel 3: panels are 0..0");
      assertThat(demo.control("add-peers", -1, -1, Double.NaN))
          .isEqualTo("no peer to add: add-peers brings in the peers held back (--reserve) and the killed"
              + " ones, and there are none");
      assertThat(demo.control("kill-server", -1, -1, Double.NaN)).isEqualTo("no server here: this topology has none");
      assertThat(demo.control("slowdown", -1, -1, 3)).isEqualTo("slowdown 3.0");
    }
  }
}
