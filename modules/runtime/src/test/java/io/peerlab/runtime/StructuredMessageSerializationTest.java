package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.chord.ChordMessage;
import io.peerlab.core.overlay.kademlia.KademliaMessage;
import io.peerlab.core.peer.Message;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Chord and Kademlia message survives Pekko's serialization (jackson-cbor, bound in
 * peerlab-pekko.conf) inside the {@link PeerActor.Deliver} command that carries it between JVMs,
 * so the overlays need no change for the cluster runtime.
 */
class StructuredMessageSerializationTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("serialization", PekkoConfig.local());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void chordAndKademliaMessages_roundTripThroughJacksonCbor() throws Exception {
    Manifest m = new Catalog(1, new ObjectsSpec(3, 2048, 1024, 0, 2, 5, 1)).manifest(1);
    Key k = Key.sha1("some key");
    List<Message> messages =
        List.of(
            new ChordMessage.FindSuccessor(7L, k, 3, 11, 2, -1, ChordMessage.Want.POSTINGS),
            new ChordMessage.PutObject(0, m.id(), 3, 12, 1, 5, m, 3),
            new ChordMessage.PutPosting(0, k, 3, 13, 0, -1, m.id(), 4),
            new ChordMessage.Successors(7L, 11, 4, new int[] {5, 6, 7}),
            new ChordMessage.JoinAnswer(0, 1, 3, new int[] {5, 6}, new int[] {8, 9, 10}),
            new ChordMessage.ObjectAnswer(7L, 14, 2, m, new int[] {3, 4}),
            new ChordMessage.ObjectAnswer(7L, 15, 2, null, new int[0]),
            new ChordMessage.PostingsAnswer(7L, 16, 3, List.of(k, m.id())),
            new ChordMessage.Stored(0, 17, 5),
            new ChordMessage.ReplicateObject(0, m, new int[] {3}),
            new ChordMessage.ReplicatePosting(0, k, m.id(), 3),
            new ChordMessage.GetPredecessor(),
            new ChordMessage.PredecessorIs(-1, new int[] {1, 2}),
            new ChordMessage.Notify(),
            new ChordMessage.Ping(),
            new ChordMessage.Pong(),
            new KademliaMessage.FindNode(7L, 21, k),
            new KademliaMessage.Nodes(7L, 21, new int[] {4, 5, 6}),
            new KademliaMessage.FindValue(7L, 22, k, KademliaMessage.Want.OBJECT),
            new KademliaMessage.ObjectValue(7L, 22, m, new int[] {9}),
            new KademliaMessage.PostingsValue(7L, 23, List.of(m.id())),
            new KademliaMessage.StoreObject(0, 24, m, 3),
            new KademliaMessage.StorePosting(0, 25, k, m.id(), 3),
            new KademliaMessage.Stored(0, 25),
            new KademliaMessage.Ping(0, 26),
            new KademliaMessage.Pong(0, 26));
    Serialization serialization = SerializationExtension.get(testKit.system());
    for (Message message : messages) {
      PeerActor.Deliver deliver = new PeerActor.Deliver(9, message);
      Serializer serializer = serialization.findSerializerFor(deliver);
      assertThat(serializer.getClass().getSimpleName()).contains("Jackson");
      byte[] bytes = serialization.serialize(deliver).get();
      Object back =
          serialization
              .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, deliver))
              .get();
      assertThat(back).as(message.getClass().getSimpleName()).isEqualTo(deliver);
    }
  }
}
