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
import java.util.function.Function;

/**
 * Teaches Pekko's Jackson serializers to carry a run's {@link Settings} to the cluster's nodes:
 * as a list of {@code [class name, record]} pairs. Only records in peerlab's own packages ({@code
 * io.peerlab.}) or in the package (or below) of a topology or strategy that this member has
 * loaded are accepted on the way in, so a message can never make a node instantiate an arbitrary
 * class. A run's {@link Topology} and {@link TransferStrategy} travel as their names and are found
 * again in {@link Topologies} and {@link Transfers} on arrival, through the class loader of the
 * member's ActorSystem (its plugins; Pekko gives its threads that loader as their context loader).
 * A name the member does not know arrives as a stand-in that fails building the run, so the
 * coordinator hears one line naming it before the run starts; settings records of classes the
 * member lacks are skipped for the same reason. Registered in peerlab-cluster.conf.
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
    addDeserializer(
        Topology.class,
        new FromName<>(Topology.class, n -> Topologies.find(n, loader()).orElseGet(() -> Missing.topology(n))));
    addSerializer(TransferStrategy.class, new ByName<>(TransferStrategy.class, TransferStrategy::name));
    addDeserializer(
        TransferStrategy.class,
        new FromName<>(TransferStrategy.class, n -> Transfers.find(n, loader()).orElseGet(() -> Missing.transfer(n))));
  }

  /** The member's class loader: its ActorSystem's, which Pekko sets on its threads. */
  static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : ClusterJacksonModule.class.getClassLoader();
  }

  /** peerlab's packages, or the package (or below) of a topology or strategy {@code loader} sees. */
  static boolean allowedSettingsClass(String name, ClassLoader loader) {
    if (name.startsWith(ALLOWED_PREFIX)) {
      return true;
    }
    java.util.List<Object> parts = new java.util.ArrayList<>();
    Topologies.names(loader).forEach(n -> parts.add(Topologies.get(n, loader)));
    Transfers.names(loader).forEach(n -> parts.add(Transfers.get(n, loader)));
    for (Object part : parts) {
      String pkg = part.getClass().getPackageName() + ".";
      if (!pkg.startsWith(ALLOWED_PREFIX) && name.startsWith(pkg)) {
        return true;
      }
    }
    return false;
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

  /** Reads a part's name and finds the part in its registry (or a stand-in for a missing one). */
  private static final class FromName<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> find;

    FromName(Class<T> type, Function<String, T> find) {
      this.type = type;
      this.find = find;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return type.cast(ctx.handleUnexpectedToken(type, p));
      }
      return find.apply(p.getValueAsString());
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
        if (type == null) {
          p.skipChildren(); // a plugin this member lacks: the run's Missing part reports it
        } else {
          s = s.with(ctx.readValue(p, type));
        }
        if (p.nextToken() != JsonToken.END_ARRAY) {
          return (Settings) ctx.handleUnexpectedToken(Settings.class, p);
        }
      }
      return s;
    }

    /** The settings record's class; null when this member has not loaded it (nor its plugin). */
    private static Class<?> allowed(String name, DeserializationContext ctx) throws IOException {
      ClassLoader loader = loader();
      if (name == null) {
        throw ctx.instantiationException(Settings.class, "settings class not allowed: null");
      }
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        if (!name.startsWith(ALLOWED_PREFIX)) {
          return null;
        }
      }
      if (!allowedSettingsClass(name, loader)) {
        throw ctx.instantiationException(Settings.class, "settings class not allowed: " + name);
      }
      try {
        Class<?> c = Class.forName(name, false, loader);
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
