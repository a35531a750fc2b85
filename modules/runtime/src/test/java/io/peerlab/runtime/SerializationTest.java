package io.peerlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.Manifest;
import io.peerlab.core.id.Key;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.metrics.Summaries;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.index.IndexMessage;
import io.peerlab.core.peer.Message;
import io.peerlab.core.peer.Phase;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunSetup;
import io.peerlab.core.run.Topologies;
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
  /** Sealed message families; a new protocol adds its family here. */
  static final List<Class<?>> FAMILIES = List.of(IndexMessage.class, ChunkMessage.class);

  private static final ActorTestKit KIT = ActorTestKit.create(PekkoConfig.local());
  private static final Catalog CATALOG = new Catalog(1, TestSpecs.objects());

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  @Test
  void everyMessageOfEveryFamily_roundTripsThroughCbor_alsoInsideDeliver() throws Exception {
    Serialization ser = SerializationExtension.get(KIT.system());
    List<Message> samples = new ArrayList<>();
    for (Class<?> family : FAMILIES) {
      collect(family, samples);
    }
    assertThat(samples).hasSizeGreaterThanOrEqualTo(11);
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
    RunSetup setup = RunSetup.of(TestSpecs.quickstart(CentralIndex.NAME), Topologies.get(CentralIndex.NAME));
    RunResult r = Summaries.summarize(setup, "local", rt.run(setup, RunControl.quiet()), null);
    assertThat(r.errors()).isZero();
    assertThat(r.deadlineHit()).isFalse();
    assertThat(r.ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
  }

  private static Object roundTrip(Serialization ser, Object o) {
    byte[] bytes = ser.serialize(o).get();
    Serializer s = ser.findSerializerFor(o);
    String manifest = Serializers.manifestFor(s, o);
    return ser.deserialize(bytes, s.identifier(), manifest).get();
  }

  private static void collect(Class<?> type, List<Message> out) throws Exception {
    if (type.isRecord()) {
      out.add((Message) sample(type));
      return;
    }
    for (Class<?> sub : type.getPermittedSubclasses()) {
      collect(sub, out);
    }
  }

  /** An instance with a plausible value for every component. */
  private static Object sample(Class<?> record) throws Exception {
    RecordComponent[] cs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    Object[] args = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      args[i] = value(cs[i].getType(), cs[i].getGenericType(), i);
    }
    Constructor<?> c = record.getDeclaredConstructor(types);
    return c.newInstance(args);
  }

  private static Object value(Class<?> t, Type generic, int i) {
    if (t == long.class) {
      return 1234567890123L + i;
    }
    if (t == int.class) {
      return 17 + i;
    }
    if (t == boolean.class) {
      return true;
    }
    if (t == double.class) {
      return 0.25;
    }
    if (t == String.class) {
      return "s" + i;
    }
    if (t == Key.class) {
      return Key.sha1("k" + i);
    }
    if (t == int[].class) {
      return new int[] {3, 1, 4};
    }
    if (t == byte[].class) {
      return new byte[] {1, 2, 3, (byte) 250};
    }
    if (t == Manifest.class) {
      return CATALOG.manifest(i);
    }
    if (t == List.class) {
      Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
      if (arg == String.class) {
        return List.of("kw1", "kw2");
      }
      if (arg == Key.class) {
        return List.of(Key.sha1("a"), Key.sha1("b"));
      }
      if (arg == Integer.class) {
        return List.of(5, 6);
      }
      if (arg == Manifest.class) {
        return List.of(CATALOG.manifest(1), CATALOG.manifest(2));
      }
    }
    if (t.isEnum()) {
      return t.getEnumConstants()[0];
    }
    throw new AssertionError("add a sample value for " + generic + " to SerializationTest");
  }
}
