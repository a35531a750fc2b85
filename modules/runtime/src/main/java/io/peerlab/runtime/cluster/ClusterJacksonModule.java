package io.peerlab.runtime.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.peerlab.core.api.Settings;
import io.peerlab.core.api.Topology;
import io.peerlab.core.api.TransferStrategy;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Teaches Pekko's Jackson serializers to carry a run's {@link Settings} to the cluster's nodes:
 * as a list of {@code [class name, record]} pairs. Only records in peerlab's own packages ({@code
 * io.peerlab.}) are accepted on the way in, so a message can never make a node instantiate an
 * arbitrary class. A run's {@link Topology} and {@link TransferStrategy} travel as their names and
 * are found again in {@link Topologies} and {@link Transfers} on arrival. Registered in
 * peerlab-cluster.conf.
 */
public final class ClusterJacksonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Settings records must live under this package prefix. */
  static final String ALLOWED_PREFIX = "io.peerlab.";

  public ClusterJacksonModule() {
    super("peerlab-cluster");
    addSerializer(Settings.class, new SettingsSerializer());
    addDeserializer(Settings.class, new SettingsDeserializer());
    addSerializer(Topology.class, new ByName<>(Topology.class, Topology::name));
    addDeserializer(Topology.class, new FromName<>(Topology.class, "topology", Topologies::find));
    addSerializer(TransferStrategy.class, new ByName<>(TransferStrategy.class, TransferStrategy::name));
    addDeserializer(
        TransferStrategy.class, new FromName<>(TransferStrategy.class, "transfer strategy", Transfers::find));
  }

  /** Writes a registered plugin as its name. */
  private static final class ByName<T> extends JsonSerializer<T> {
    private final Class<T> type;
    private final Function<T, String> name;

    ByName(Class<T> type, Function<T, String> name) {
      this.type = type;
      this.name = name;
    }

    @Override
    public Class<T> handledType() {
      return type;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(name.apply(value));
    }
  }

  /** Reads a plugin's name and finds the plugin in its registry. */
  private static final class FromName<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final String what;
    private final Function<String, Optional<T>> find;

    FromName(Class<T> type, String what, Function<String, Optional<T>> find) {
      this.type = type;
      this.what = what;
      this.find = find;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return type.cast(ctx.handleUnexpectedToken(type, p));
      }
      String name = p.getValueAsString();
      Optional<T> found = find.apply(name);
      if (found.isEmpty()) {
        throw ctx.instantiationException(
            type, "unknown " + what + " " + name + " (do all members run the same peerlab?)");
      }
      return found.get();
    }
  }

  private static final class SettingsSerializer extends JsonSerializer<Settings> {
    @Override
    public void serialize(Settings value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartArray();
      for (Object v : value.values()) {
        gen.writeStartArray();
        gen.writeString(v.getClass().getName());
        provider.defaultSerializeValue(v, gen);
        gen.writeEndArray();
      }
      gen.writeEndArray();
    }
  }

  private static final class SettingsDeserializer extends JsonDeserializer<Settings> {
    @Override
    public Settings deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        return (Settings) ctx.handleUnexpectedToken(Settings.class, p);
      }
      Settings s = Settings.empty();
      while (p.nextToken() == JsonToken.START_ARRAY) {
        p.nextToken();
        String name = p.getValueAsString();
        Class<?> type = allowed(name, ctx);
        p.nextToken();
        Object v = ctx.readValue(p, type);
        s = s.with(v);
        if (p.nextToken() != JsonToken.END_ARRAY) {
          return (Settings) ctx.handleUnexpectedToken(Settings.class, p);
        }
      }
      return s;
    }

    private static Class<?> allowed(String name, DeserializationContext ctx) throws IOException {
      if (name == null || !name.startsWith(ALLOWED_PREFIX)) {
        throw ctx.instantiationException(Settings.class, "settings class not allowed: " + name);
      }
      try {
        Class<?> c = Class.forName(name, false, ClusterJacksonModule.class.getClassLoader());
        if (!c.isRecord()) {
          throw ctx.instantiationException(Settings.class, "settings class is not a record: " + name);
        }
        return c;
      } catch (ClassNotFoundException e) {
        throw ctx.instantiationException(
            Settings.class, "unknown settings class " + name + " (do all members run the same peerlab?)");
      }
    }
  }
}
