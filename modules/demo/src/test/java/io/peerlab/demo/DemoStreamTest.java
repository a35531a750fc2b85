package io.peerlab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

/**
 * The demo's event stream without a browser: a Pekko HTTP WebSocket client reads the frames of a
 * real demo (Chord on the local runtime) and checks their schema; and a page that never reads does
 * not hold up the run: its frames are dropped and counted while every op of the scripts ends.
 */
class DemoStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void webSocketClient_getsHelloThenFrames_withEveryFieldOfTheSchema() throws Exception {
    Demo demo = Demo.start(DemoFixture.chord(16, 8, 100000, "chord"), Demo.Options.defaults(1).withAutostart(true));
    ActorSystem<Void> client = ActorSystem.create(Behaviors.empty(), "ws-client");
    try (DemoServer server = DemoServer.start(demo, "127.0.0.1", 0, 64)) {
      List<JsonNode> got = Collections.synchronizedList(new ArrayList<>());
      CompletableFuture<Void> enough = new CompletableFuture<>();
      Materializer mat = Materializer.createMaterializer(client);
      Sink<Message, ?> reader = Sink.foreach(m -> {
        String text = m.asTextMessage().toStrict(5000, mat).toCompletableFuture().get().getStrictText();
        got.add(JSON.readTree(text));
        if (hasLookupHop(got)) {
          enough.complete(null);
        }
      });
      Http.get(client).singleWebSocketRequest(
          WebSocketRequest.create("ws://127.0.0.1:" + server.port() + "/ws"),
          Flow.fromSinkAndSourceMat(reader, Source.<Message>maybe(), Keep.right()), mat);
      enough.get(120, TimeUnit.SECONDS);

      JsonNode hello = got.get(0);
      assertThat(hello.get("type").asText()).isEqualTo("hello");
      assertThat(hello.get("slowdown").asDouble()).isEqualTo(1.0);
      JsonNode panel = hello.get("panels").get(0);
      assertThat(panel.get("topology").asText()).isEqualTo("chord");
      assertThat(panel.get("view").asText()).isEqualTo("chord");
      assertThat(panel.get("peers")).hasSize(16);
      for (JsonNode p : panel.get("peers")) {
        assertThat(p.get("key").asText()).hasSize(40);
        assertThat(p.get("pos").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.get("role").asText()).isIn("both", "client", "server");
        assertThat(p.has("server")).isTrue();
      }

      List<JsonNode> frames = got.subList(1, got.size());
      long seq = -1;
      for (JsonNode f : frames) {
        assertThat(f.get("type").asText()).isEqualTo("frame");
        assertThat(f.get("seq").asLong()).isGreaterThan(seq);
        seq = f.get("seq").asLong();
        for (String field : List.of("timeMs", "started", "paused", "slowdown", "panels", "done")) {
          assertThat(f.has(field)).as("frame field %s", field).isTrue();
        }
        JsonNode pf = f.get("panels").get(0);
        for (String field : List.of("id", "events", "results", "killed", "stats")) {
          assertThat(pf.has(field)).as("panel field %s", field).isTrue();
        }
        for (String field : List.of("started", "completed", "failed", "inFlight", "opsPerSec", "p50Ms", "p99Ms",
            "serverShare", "messages", "messagesByType", "eventsDropped")) {
          assertThat(pf.get("stats").has(field)).as("stats field %s", field).isTrue();
        }
        for (JsonNode e : pf.get("events")) {
          assertThat(e.get("from").asInt()).isBetween(0, 15);
          assertThat(e.get("to").asInt()).isBetween(0, 15);
          assertThat(e.get("msg").asText()).isNotEmpty();
          assertThat(e.has("op") && e.has("hops") && e.has("chunk") && e.has("bytes") && e.has("t")).isTrue();
        }
      }
      // A lookup's routed request, hop by hop, and the frames' counters moved with it.
      JsonNode last = frames.get(frames.size() - 1).get("panels").get(0).get("stats");
      assertThat(last.get("messages").asLong()).isPositive();
      assertThat(last.get("messagesByType").has("FindSuccessor")).isTrue();
      assertThat(server.droppedFrames()).isZero();
    } finally {
      client.terminate();
    }
  }

  private static boolean hasLookupHop(List<JsonNode> got) {
    synchronized (got) {
      for (JsonNode f : got) {
        if (!"frame".equals(f.path("type").asText())) {
          continue;
        }
        for (JsonNode e : f.get("panels").get(0).get("events")) {
          if (e.get("msg").asText().equals("FindSuccessor") && e.get("op").asText().startsWith("lookup#")
              && e.get("hops").asInt() >= 1) {
            return true;
          }
        }
      }
      return false;
    }
  }

  @Test
  void aPageThatNeverReads_doesNotStallTheRun_itsFramesAreDroppedAndCounted() throws Exception {
    Demo demo = Demo.start(DemoFixture.chord(16, 8, 300, "chord"),
        new Demo.Options(1, false, true, 10, 3000, 50_000, 0));
    try (DemoServer server = DemoServer.start(demo, "127.0.0.1", 0, 4);
        Socket stalled = new Socket()) {
      // A WebSocket page that connects and then reads nothing at all: a small receive window.
      stalled.setReceiveBufferSize(1024);
      stalled.connect(server.address());
      stalled.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = stalled.getInputStream();
      byte[] status = in.readNBytes(12);
      assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");

      DemoFixture.await(demo, 180, "every op of the scripts ends while a page reads nothing",
          () -> demo.completed()[0] >= demo.scripted()[0]);
      assertThat(demo.scripted()[0]).isEqualTo(300);
      DemoFixture.await(demo, 60, "frames for the stalled page are dropped and counted",
          () -> server.droppedFrames() > 0);
      assertThat(server.droppedFrames()).isPositive();
    }
  }
}
