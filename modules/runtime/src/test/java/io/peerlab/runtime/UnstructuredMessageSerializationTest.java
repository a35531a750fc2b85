package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.flooding.FloodMessage;
import io.peerlab.core.overlay.flooding.GraphMessage;
import io.peerlab.core.overlay.randomwalk.WalkMessage;
import io.peerlab.core.overlay.superpeer.SuperPeerMessage;
import io.peerlab.core.peer.Message;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The messages of flooding, random-walk and super-peer cross JVMs in a cluster: each must
 * round-trip through the serializer Pekko binds to {@link Message} (Jackson CBOR).
 */
class UnstructuredMessageSerializationTest {
  static final ActorTestKit KIT = ActorTestKit.create("serialization", PekkoConfig.local());

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void everyUnstructuredMessage_roundTripsThroughCbor() {
    Catalog catalog = new Catalog(42, TestSpecs.objects());
    Key id = catalog.id(3);
    List<Message> messages =
        List.of(
            new GraphMessage.Walk(7L << 32, 7, 10, 2),
            new GraphMessage.WalkFailed(1),
            new GraphMessage.Split(2, 9),
            new GraphMessage.SplitAccepted(2),
            new GraphMessage.SplitRefused(2),
            new GraphMessage.Link(3),
            new GraphMessage.LinkDeclined(3),
            new GraphMessage.LinkAck(3),
            new GraphMessage.Beacon(0),
            new FloodMessage.Query(5, -17, id, List.of(), true, 3, 2),
            new FloodMessage.Query(5, 17, null, List.of("kw1", "kw2"), false, 0, 7),
            new FloodMessage.QueryHit(5, 17, List.of(id), List.of(4, 8), catalog.manifest(3), 2),
            new FloodMessage.QueryHit(5, 17, List.of(id), List.of(), null, 2),
            new WalkMessage.Walker(6, 18, 11, null, List.of("kw1"), false, 100, 4),
            new WalkMessage.Hit(6, 18, List.of(id), List.of(12), null, 4),
            new WalkMessage.Check(6, 18, 99),
            new WalkMessage.CheckReply(6, 18, 99, true),
            new SuperPeerMessage.FindSuperPeer(4, 30, 10),
            new SuperPeerMessage.Attached(4),
            new SuperPeerMessage.Publish(
                0, List.of(catalog.manifest(1), catalog.manifest(2)), true),
            new SuperPeerMessage.PublishAck(0));
    Serialization s = SerializationExtension.get(KIT.system().classicSystem());
    for (Message m : messages) {
      var serializer = s.findSerializerFor(m);
      assertThat(serializer.getClass().getSimpleName()).as(m.toString()).contains("Jackson");
      byte[] bytes = s.serialize(m).get();
      Object back =
          s.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, m))
              .get();
      assertThat(back).as(m.toString()).isEqualTo(m);
    }
  }
}
