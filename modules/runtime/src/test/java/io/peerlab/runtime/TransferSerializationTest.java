package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.SwarmEvent;
import io.peerlab.core.overlay.index.IndexMessage;
import io.peerlab.core.peer.Message;
import io.peerlab.core.transfer.swarm.SwarmMessage;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Swarm and tracker messages cross JVMs unchanged through the jackson-cbor binding. */
class TransferSerializationTest {
  private static final ActorTestKit KIT = ActorTestKit.create("serialization", PekkoConfig.local());

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void swarmAndTrackerMessages_roundTripThroughCbor() {
    Key k = Key.sha1("obj");
    List<Message> messages =
        List.of(
            new SwarmMessage.Handshake(7, k, new byte[] {1, 2, 3}, true, new int[] {4, 5}),
            new SwarmMessage.Have(7, k, 3),
            new SwarmMessage.Interest(7, k, true),
            new SwarmMessage.Choke(7, k, false),
            new SwarmMessage.Request(7, k, 9),
            new SwarmMessage.Piece(7, k, 9, new byte[] {9, 8, 7}),
            new SwarmMessage.Cancel(7, k, 9),
            new SwarmMessage.Leave(7, k, new int[] {1}),
            new IndexMessage.SwarmAnnounce(7, k, SwarmEvent.STARTED, 30),
            new IndexMessage.SwarmMembers(7, k, new int[] {2, 3}));
    Serialization s = SerializationExtension.get(KIT.system());
    for (Message m : messages) {
      var serializer = s.findSerializerFor(m);
      assertThat(serializer.getClass().getSimpleName()).contains("Jackson");
      byte[] bytes = s.serialize(m).get();
      String manifest = Serializers.manifestFor(serializer, m);
      Object back = s.deserialize(bytes, serializer.identifier(), manifest).get();
      assertThat(back).isEqualTo(m);
    }
  }
}
