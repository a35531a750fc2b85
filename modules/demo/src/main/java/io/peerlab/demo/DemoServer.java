package io.peerlab.demo;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The demo's web server (Pekko HTTP): the page and its scripts from this jar's resources, d3 from
 * its WebJar on the class path, the frames over a WebSocket, the controls and peer state as small
 * JSON calls. It serves nothing else: no file system, no proxy, nothing from the internet; it binds
 * 127.0.0.1 unless told otherwise.
 *
 * <p>Each page gets a bounded queue of frames ({@link #clientBuffer}); a frame that finds it full is
 * dropped and counted ({@link #droppedFrames}), so a page that reads slowly, or not at all, never
 * holds up the tick or the peers.
 *
 * <pre>
 *   GET  /                 the page          GET /ws        frames (WebSocket, JSON text)
 *   GET  /assets/...       its JS and CSS    GET /api/state the panels and their peers
 *   GET  /lib/d3.min.js    d3 (WebJar)       GET /api/peer?panel=P&amp;id=N   a peer's state
 *   POST /api/control?action=A[&amp;panel=P][&amp;peer=N][&amp;value=X]
 * </pre>
 */
public final class DemoServer implements AutoCloseable {
  private static final String WEB = "io/peerlab/demo/web";

  private final Demo demo;
  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final int clientBuffer;
  private final AtomicLong droppedFrames = new AtomicLong();
  private final AtomicLong sentFrames = new AtomicLong();

  private DemoServer(Demo demo, String bind, int port, int clientBuffer) {
    this.demo = demo;
    this.clientBuffer = clientBuffer;
    this.system = ActorSystem.create(Behaviors.empty(), "peerlab-demo-http",
        ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.http.server.idle-timeout = infinite")
            .withFallback(ConfigFactory.load()));
    try {
      this.binding = Http.get(system).newServerAt(bind, port).bind(routes())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": " + cause.getMessage(), cause);
    }
  }

  /**
   * Serves {@code demo} on {@code bind}:{@code port} (0: any free port).
   *
   * @param clientBuffer frames waiting per page past which new ones are dropped
   */
  public static DemoServer start(Demo demo, String bind, int port, int clientBuffer) {
    if (clientBuffer < 1) {
      throw new IllegalArgumentException("clientBuffer must be >= 1");
    }
    return new DemoServer(demo, bind, port, clientBuffer);
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  public Demo demo() {
    return demo;
  }

  /** Frames dropped because a page's queue was full, over all pages so far. */
  public long droppedFrames() {
    return droppedFrames.get();
  }

  /** Frames queued for pages so far. */
  public long sentFrames() {
    return sentFrames.get();
  }

  private Route routes() {
    return concat(
        get(() -> concat(
            pathSingleSlash(() -> getFromResource(WEB + "/index.html", ContentTypes.TEXT_HTML_UTF8)),
            pathPrefix("assets", () -> getFromResourceDirectory(WEB)),
            path(PathSegments.segments("lib", "d3.min.js"), () -> getFromResource(d3Resource())),
            path("ws", () -> handleWebSocketMessages(pageFlow())),
            path(PathSegments.segments("api", "state"), () -> json(demo.hello())),
            path(PathSegments.segments("api", "peer"), () ->
                parameterOptional("panel", panel -> parameterOptional("id", id -> peer(panel, id)))))),
        post(() -> path(PathSegments.segments("api", "control"), () ->
            parameterOptional("action", action -> parameterOptional("panel", panel ->
                parameterOptional("peer", peer -> parameterOptional("value", value ->
                    control(action, panel, peer, value))))))));
  }

  private Route peer(Optional<String> panel, Optional<String> id) {
    try {
      int p = Integer.parseInt(panel.orElse("0"));
      int n = Integer.parseInt(id.orElseThrow(() -> new IllegalArgumentException("id is missing")));
      return completeWithFuture(demo.peerState(p, n)
          .thenApply(DemoServer::jsonResponse)
          .exceptionally(e -> error(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
    } catch (IllegalArgumentException e) {
      return complete(error(e));
    }
  }

  private Route control(Optional<String> action, Optional<String> panel, Optional<String> peer,
      Optional<String> value) {
    try {
      String said = demo.control(
          action.orElseThrow(() -> new IllegalArgumentException("action is missing")),
          Integer.parseInt(panel.orElse("-1")),
          Integer.parseInt(peer.orElse("-1")),
          Double.parseDouble(value.orElse("NaN")));
      return complete(jsonResponse(Demo.json(Map.of("ok", true, "message", said))));
    } catch (IllegalArgumentException e) {
      return complete(error(e));
    }
  }

  private static HttpResponse error(Throwable e) {
    String why = e instanceof NumberFormatException ? "not a number: " + e.getMessage() : e.getMessage();
    return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)
        .withEntity(ContentTypes.APPLICATION_JSON, Demo.json(Map.of("ok", false, "message", String.valueOf(why))));
  }

  private static Route json(String body) {
    return complete(jsonResponse(body));
  }

  private static HttpResponse jsonResponse(String body) {
    return HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, body);
  }

  /** One page's stream: hello, then every frame while its queue has room; what it sends is ignored. */
  private Flow<Message, Message, NotUsed> pageFlow() {
    Source<Message, NotUsed> frames = Source.<String>queue(clientBuffer)
        .mapMaterializedValue(queue -> {
          queue.offer(demo.hello());
          Runnable stop = demo.listen(frame -> offer(queue, frame));
          return stop;
        })
        .watchTermination((stop, done) -> {
          done.whenComplete((d, e) -> stop.run());
          return NotUsed.getInstance();
        })
        .map(s -> (Message) TextMessage.create(s));
    return Flow.fromSinkAndSourceCoupled(Sink.ignore(), frames);
  }

  private void offer(BoundedSourceQueue<String> queue, String frame) {
    QueueOfferResult r = queue.offer(frame);
    if (r == QueueOfferResult.enqueued()) {
      sentFrames.incrementAndGet();
    } else {
      droppedFrames.incrementAndGet();
    }
  }

  /** d3.min.js in the d3 WebJar, at the version the WebJar's own pom.properties names. */
  private static String d3Resource() {
    Properties p = new Properties();
    try (InputStream in = DemoServer.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars.npm/d3/pom.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to the error below
    }
    String version = p.getProperty("version");
    if (version == null) {
      throw new IllegalStateException("the d3 WebJar (org.webjars.npm:d3) is not on the class path");
    }
    return "META-INF/resources/webjars/d3/" + version + "/dist/d3.min.js";
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a slow shutdown is not worth an exception in close()
    }
    demo.close();
  }
}
