package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Message;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.IndexMessage;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.transfer.ChunkMessage;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every peer message and every peer command round-trips through Pekko's jackson-cbor
 * serializer, so the cluster runtime can carry them; Java serialisation stays off.
 */
class SerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create(PekkoConfig.local());

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void everyMessageOfEveryFamily_roundTripsThroughCbor_alsoInsideDeliver() throws Exception {
    Serialization ser = SerializationExtension.get(KIT.system());
    List<Message> samples = MessageSamples.all();
    // Every protocol's records are found by scanning the core: index, chunks, swarm, overlays.
    assertThat(MessageSamples.messageTypes())
        .contains(IndexMessage.Lookup.class, ChunkMessage.ChunkData.class);
    for (Message m : samples) {
      Serializer s = ser.findSerializerFor(m);
      assertThat(s.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
      assertThat(roundTrip(ser, m)).as(m.getClass().getSimpleName()).isEqualTo(m);
      PeerActor.Deliver d = new PeerActor.Deliver(7, m);
      assertThat(roundTrip(ser, d)).isEqualTo(d);
    }
    for (Object cmd : List.of(new PeerActor.Begin(Phase.MEASURE), new PeerActor.Fire(99))) {
      assertThat(roundTrip(ser, cmd)).isEqualTo(cmd);
    }
  }

  @Test
  void aWholeRunWithEveryMessageSerialised_stillSucceeds() {
    LocalRuntime rt = new LocalRuntime(ConfigFactory.parseString("pekko.actor.serialize-messages = on"));
    RunSetup setup = RunSetup.of(TestSpecs.quickstart(CentralIndex.NAME));
    RunResult r = Summaries.summarize(setup, "local", rt.run(setup, RunControl.quiet()), null);
    assertThat(r.health().errors()).isZero();
    assertThat(r.timing().deadlineHit()).isFalse();
    assertThat(r.figures().ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
  }

  private static Object roundTrip(Serialization ser, Object o) {
    byte[] bytes = ser.serialize(o).get();
    Serializer s = ser.findSerializerFor(o);
    String manifest = Serializers.manifestFor(s, o);
    return ser.deserialize(bytes, s.identifier(), manifest).get();
  }
}
