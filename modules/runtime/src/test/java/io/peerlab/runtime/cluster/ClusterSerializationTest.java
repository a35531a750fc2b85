package io.peerlab.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.typesafe.config.ConfigFactory;
import gadget.Gadget;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.Role;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.overlay.index.IndexMessage;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import io.peerlab.core.transfer.ChunkMessage;
import io.peerlab.core.workload.OpType;
import io.peerlab.runtime.MessageSamples;
import io.peerlab.runtime.PeerActor;
import io.peerlab.runtime.RunCoordinator;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that may cross JVMs round-trips through Pekko's serialization as configured for
 * the cluster (Jackson CBOR, Java serialisation off), field for field. Peer messages come from
 * {@link MessageSamples}, which finds every message record of the core.
 */
class ClusterSerializationTest {
  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(
        ClusterConfig.SYSTEM,
        ClusterConfig.member(new HostPort("127.0.0.1", 0), List.of(), ClusterConfig.COORDINATOR_ROLE, Optional.empty(),
            ConfigFactory.empty()));
    serialization = SerializationExtension.get(kit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void everyPeerMessage_roundTripsInsideATransit_fieldForField() {
    // MessageSamples finds every message record of the core, so new protocols are covered here.
    for (Message m : MessageSamples.all()) {
      assertRoundTrip(new Inbound.Transit(1, 2, 1_000, 2_000, true, m));
      assertRoundTrip(new PeerActor.Deliver(3, m));
    }
  }

  @Test
  void everyClusterProtocolMessage_roundTrips() {
    TestProbe<Object> probe = kit.createTestProbe();
    RunSpec spec = TestSpecs.quickstart("client-server");
    PeerStats stats = new PeerStats(4, Role.CLIENT);
    stats.op(OpType.LOOKUP).recordOk(12_345_000, 1);
    stats.op(OpType.LOOKUP).recordFailed("timeout");
    stats.op(OpType.SEARCH).recordRecall(0.5);
    stats.countSent(OpType.LOOKUP, 76, 0);
    stats.span(10, 20);
    List<Object> all = new ArrayList<>();
    all.add(new Inbound.Credit(1, true, 64, 1 << 20));
    all.add(new MemberRun.Start(123, List.of(new MemberRun.MemberRefs("127.0.0.1:1", probe.ref().unsafeUpcast(),
        probe.ref().unsafeUpcast()))));
    all.add(new MemberRun.BeginPhase(Phase.MEASURE));
    all.add(new MemberRun.Collect(5));
    all.add(new MemberRun.MemberLost(2));
    all.add(new MemberRun.Abort("why"));
    all.add(new ClusterPeers.Prepared(5, 1, probe.ref().unsafeUpcast(), probe.ref().unsafeUpcast(), probe.ref().unsafeUpcast()));
    all.add(new ClusterPeers.PrepareFailed(5, 1, "no"));
    all.add(new ClusterPeers.Reports(5, 1, List.of(new ClusterPeers.PhaseReport(Phase.JOIN, new int[] {1, 4})),
        1, 2, 3, 4, 1, List.of("peer 4 threw x")));
    all.add(new ClusterPeers.StatsBatch(5, 1, List.of(StatsCodec.encode(stats))));
    all.add(new ClusterPeers.MemberDone(5, 1, new MemberFigures("127.0.0.1:2", 8, 1, 2, 3, 4, 5, 6, 7, 8, 0.25, false)));
    all.add(new NodeGuardian.Prepare(5, spec, 1, 3, true, 0.0, probe.ref().unsafeUpcast()));
    all.add(new NodeGuardian.ClockProbe(probe.ref().unsafeUpcast()));
    all.add(new NodeGuardian.ClockReading(99));
    all.add(new PeerActor.Fire(3));
    all.add(new PeerActor.Begin(Phase.PUBLISH));
    all.add(new MemberRun.Drain(5));
    Inbound.Transit stream = new Inbound.Transit(1, 2, -1, -1, false, new StreamMessage(7, new byte[] {1, 2, 3}));
    all.add(stream);
    all.add(new Inbound.Batch(List.of(stream, new Inbound.Transit(3, 4, 5, 6, true, new IndexMessage.Lookup(1, Key.of(1))))));
    all.add(new MemberRun.Expect(40, probe.ref().unsafeUpcast(), probe.ref().unsafeUpcast()));
    all.add(new MemberRun.Stream(20, 16, new int[] {1, 3, 5}, probe.ref().unsafeUpcast()));
    all.add(new MemberRun.StreamHandled(40));
    all.add(new PeerStream.Expecting(40));
    all.add(new PeerStream.Streamed(20, 1_000_000, 110));
    all.add(new NodeGuardian.BenchPing(3, true, probe.ref().unsafeUpcast(), new byte[] {9, 8}));
    all.add(new NodeGuardian.StartRawBench(probe.ref().unsafeUpcast(), 1000, 100, 110, probe.ref().unsafeUpcast()));
    all.add(new RawBench.Ack(3));
    all.add(new RawBench.Result(1.5, 2.5, 3.5, 110));
    for (Object m : all) {
      assertRoundTrip(m);
    }
  }

  @Test
  void runSpec_keepsItsSettingsAcrossTheWire() {
    RunSpec spec = TestSpecs.quickstart("central-index");
    NodeGuardian.Prepare back = (NodeGuardian.Prepare) roundTrip(
        new NodeGuardian.Prepare(1, spec, 0, 1, true, 0.0, kit.<RunCoordinator.Command>createTestProbe().ref()));
    assertThat(back.spec().settings().values()).containsExactlyInAnyOrderElementsOf(spec.settings().values());
    assertThat(back.spec()).usingRecursiveComparison().ignoringFields("settings").isEqualTo(spec);
  }

  @Test
  void runSpec_carriesTopologyAndTransferByName_andFindsTheSameInstancesOnArrival() {
    RunSpec spec = TestSpecs.quickstart("central-index").edit(e -> e.transfer = Transfers.get("swarm"));
    NodeGuardian.Prepare back = (NodeGuardian.Prepare) roundTrip(
        new NodeGuardian.Prepare(1, spec, 0, 1, true, 0.0, kit.<RunCoordinator.Command>createTestProbe().ref()));
    assertThat(back.spec().topology()).isSameAs(Topologies.get("central-index"));
    assertThat(back.spec().transfer()).isSameAs(Transfers.get("swarm"));
  }

  @Test
  void javaSerialization_isOff() {
    Serializer s = serialization.findSerializerFor(new IndexMessage.Lookup(1, Key.of(1)));
    assertThat(s.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
    assertThat(kit.system().settings().config().getBoolean("pekko.actor.allow-java-serialization")).isFalse();
  }

  // Deserialisation is allow-listed. Each frame below is what Artery's inbound stage hands to
  // Pekko's Serialization (serializer id, manifest, bytes); each names gadget.Gadget, a class
  // outside every allow-list, in another place. Each is refused and no Gadget is ever made.

  @Test
  void aFrameWhoseManifestNamesAClassOutsideTheBindings_isRejected_andNeverInstantiated() throws Exception {
    int made = Gadget.MADE.get();
    int cbor = serialization.findSerializerFor(new Inbound.Credit(1, true, 1, 1)).identifier();
    byte[] bytes = CBOR.writeValueAsBytes(Map.of("x", 1));

    assertRejected(serialization.deserialize(bytes, cbor, Gadget.class.getName()), "gadget.Gadget");
    assertThat(Gadget.MADE.get()).isEqualTo(made);
  }

  @Test
  void aJavaSerializedFrame_isRejected_andNeverInstantiated() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(new Gadget());
    }
    int made = Gadget.MADE.get();
    int javaSerializer = 1; // Pekko's fixed id of its JavaSerializer

    assertRejected(serialization.deserialize(out.toByteArray(), javaSerializer, ""), "Java serialization");
    assertThat(Gadget.MADE.get()).isEqualTo(made);
  }

  @Test
  void aPeerMessageWhoseTypeIdNamesAClassThatIsNoMessage_isRejected_andNeverInstantiated() throws Exception {
    Object transit = new Inbound.Transit(1, 2, 1_000, 2_000, true, new IndexMessage.Lookup(1, Key.of(1)));
    ObjectNode tree = (ObjectNode) CBOR.readTree(serialization.serialize(transit).get());
    ((ObjectNode) tree.get("message")).put("@c", Gadget.class.getName());
    int made = Gadget.MADE.get();

    assertRejected(deserializeAs(transit, CBOR.writeValueAsBytes(tree)), "gadget.Gadget");
    assertThat(Gadget.MADE.get()).isEqualTo(made);
  }

  @Test
  void aBatchWhosePeerMessageTypeIdNamesAClassThatIsNoMessage_isRejected_andNeverInstantiated() throws Exception {
    Inbound.Transit t = new Inbound.Transit(1, 2, 1_000, 2_000, true, new IndexMessage.Lookup(1, Key.of(1)));
    Object batch = new Inbound.Batch(List.of(t, t));
    ObjectNode tree = (ObjectNode) CBOR.readTree(serialization.serialize(batch).get());
    ((ObjectNode) tree.get("messages").get(1).get("message")).put("@c", Gadget.class.getName());
    int made = Gadget.MADE.get();

    assertRejected(deserializeAs(batch, CBOR.writeValueAsBytes(tree)), "gadget.Gadget");
    assertThat(Gadget.MADE.get()).isEqualTo(made);
  }

  @Test
  void aRunSpecWhoseSettingsNameAClassOutsidePeerlab_isRejected_andNeverInstantiated() throws Exception {
    Object prepare = new NodeGuardian.Prepare(
        1, TestSpecs.quickstart("central-index"), 0, 1, true, 0.0, kit.<RunCoordinator.Command>createTestProbe().ref());
    ObjectNode tree = (ObjectNode) CBOR.readTree(serialization.serialize(prepare).get());
    ArrayNode firstPair = (ArrayNode) tree.get("spec").get("settings").get(0);
    firstPair.set(0, TextNode.valueOf(Gadget.class.getName()));
    int made = Gadget.MADE.get();

    assertRejected(deserializeAs(prepare, CBOR.writeValueAsBytes(tree)), "not allowed: gadget.Gadget");
    assertThat(Gadget.MADE.get()).isEqualTo(made);
  }

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  /** Deserialises {@code bytes} with the serializer and manifest that {@code like} travels with. */
  private static scala.util.Try<Object> deserializeAs(Object like, byte[] bytes) {
    Serializer s = serialization.findSerializerFor(like);
    return serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, like));
  }

  private static void assertRejected(scala.util.Try<Object> result, String why) {
    assertThat(result.isFailure()).as("rejected, not " + (result.isSuccess() ? result.get() : "")).isTrue();
    Throwable t = result.failed().get();
    StringBuilder messages = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      messages.append(c).append(" / ");
    }
    assertThat(messages.toString()).contains(why);
  }

  @Test
  void statsCodec_restoresHistogramsAndCounters() {
    PeerStats s = new PeerStats(9, Role.BOTH);
    for (int i = 1; i <= 1000; i++) {
      s.op(OpType.FETCH).recordOk(i * 1_000_000L, i % 5);
    }
    s.op(OpType.FETCH).recordFetch(1 << 20, 5_000_000);
    s.op(OpType.FETCH).recordFailed("not-found");
    s.countSent(OpType.OTHER, 100, 40);
    s.countHandled();
    PeerStats back = StatsCodec.decode(StatsCodec.encode(s));
    assertThat(back.op(OpType.FETCH).latencyMicros()).isEqualTo(s.op(OpType.FETCH).latencyMicros());
    assertThat(back.op(OpType.FETCH).hops()).isEqualTo(s.op(OpType.FETCH).hops());
    assertThat(back.op(OpType.FETCH).failures()).isEqualTo(Map.of("not-found", 1L));
    assertThat(back.op(OpType.FETCH).bytes()).isEqualTo(1 << 20);
    assertThat(back.messagesSent(OpType.OTHER)).isEqualTo(1);
    assertThat(back.contentBytesUploaded()).isEqualTo(40);
    assertThat(back.messagesHandled()).isEqualTo(1);
    assertThat(back.upAtEnd()).as("no churn: no end state").isNull();
  }

  @Test
  void peerStats_carryTheirChurnEndStateAndTheMaintenanceSeries() {
    PeerStats s = new PeerStats(7, Role.BOTH);
    s.endState(true, new int[] {3, 9});
    s.upkeep(new long[] {5, 0, 2, 400, 0, 160});
    PeerStats back = roundTripStats(s);
    assertThat(back.upAtEnd()).isTrue();
    assertThat(back.heldAtEnd()).containsExactly(3, 9);
    assertThat(back.upkeep()).containsExactly(5, 0, 2, 400, 0, 160);
    PeerStats down = new PeerStats(8, Role.BOTH);
    down.endState(false, null);
    assertThat(roundTripStats(down).upAtEnd()).isFalse();
    assertThat(roundTripStats(down).heldAtEnd()).isNull();
  }

  private static PeerStats roundTripStats(PeerStats s) {
    ClusterPeers.StatsBatch b =
        (ClusterPeers.StatsBatch)
            roundTrip(new ClusterPeers.StatsBatch(5, 1, List.of(StatsCodec.encode(s))));
    return StatsCodec.decode(b.stats().get(0));
  }

  private static void assertRoundTrip(Object m) {
    assertThat(roundTrip(m)).as(m.getClass().getName()).usingRecursiveComparison().isEqualTo(m);
  }

  private static Object roundTrip(Object m) {
    Serializer s = serialization.findSerializerFor(m);
    assertThat(s.getClass().getSimpleName()).as(m.getClass().getName()).isEqualTo("JacksonCborSerializer");
    byte[] bytes = serialization.serialize(m).get();
    String manifest = Serializers.manifestFor(s, m);
    return serialization.deserialize(bytes, s.identifier(), manifest).get();
  }
}
