package io.peerlab.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.flooding.FloodingSettings;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import io.peerlab.core.overlay.randomwalk.RandomWalkSettings;
import io.peerlab.core.overlay.superpeer.SuperPeerSettings;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.TimeUnit;

/**
 * Settings records with reference.conf's defaults, for tests that want the defaults and change
 * one field with a wither. The values come from the scenario module's reference.conf (copied to
 * {@code peerlab-defaults/reference.conf} on core's test class path by the pom), so no default is
 * written twice. Keys are listed in the order of the record's components; a duration key gives a
 * {@code long} in nanoseconds. Runs read the same keys, validated, with the scenario module's
 * SettingsReaders.
 */
public final class ReferenceSettings {
  private ReferenceSettings() {}

  private static final Config PEERLAB =
      ConfigFactory.parseResources("peerlab-defaults/reference.conf").resolve().getConfig("peerlab");

  public static ChordSettings chord() {
    return read(ChordSettings.class, "chord.", "successors", "stabilize-interval",
        "fix-fingers-interval", "check-predecessor-interval", "failure-timeout", "request-timeout",
        "request-attempts", "join-wave", "settle", "warm-start", "check-progress");
  }

  public static KademliaSettings kademlia() {
    return read(KademliaSettings.class, "kademlia.", "k", "alpha", "rpc-timeout",
        "refresh-interval", "stale-after", "join-refresh", "join-wave", "settle", "republish-interval",
        "max-failures", "warm-start", "disjoint-paths", "ids");
  }

  public static FloodingSettings flooding() {
    return read(FloodingSettings.class, "flooding.", "degree", "ttl", "join-walk-length",
        "join-timeout", "search-window", "hit-timeout");
  }

  public static RandomWalkSettings randomWalk() {
    return read(RandomWalkSettings.class, "random-walk.", "degree", "walkers", "ttl",
        "check-interval", "join-walk-length", "join-timeout", "search-window", "hit-timeout");
  }

  public static SuperPeerSettings superPeer() {
    return read(SuperPeerSettings.class, "super-peer.", "fraction", "degree", "ttl",
        "leaf-connections", "join-walk-length", "join-timeout", "search-window", "hit-timeout");
  }

  private static <T extends Record> T read(Class<T> type, String prefix, String... keys) {
    RecordComponent[] components = type.getRecordComponents();
    if (components.length != keys.length) {
      throw new IllegalArgumentException(type.getSimpleName() + " has " + components.length
          + " components, " + keys.length + " keys given");
    }
    Class<?>[] types = new Class<?>[keys.length];
    Object[] values = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String path = prefix + keys[i];
      types[i] = components[i].getType();
      values[i] = value(path, types[i]);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  private static Object value(String path, Class<?> type) {
    if (type == int.class) {
      return PEERLAB.getInt(path);
    }
    if (type == long.class) {
      return PEERLAB.getValue(path).valueType() == ConfigValueType.STRING
          ? PEERLAB.getDuration(path, TimeUnit.NANOSECONDS)
          : PEERLAB.getLong(path);
    }
    if (type == double.class) {
      return PEERLAB.getDouble(path);
    }
    if (type == boolean.class) {
      return PEERLAB.getBoolean(path);
    }
    if (type.isEnum()) {
      return enumValue(type, PEERLAB.getString(path).toUpperCase(java.util.Locale.ROOT));
    }
    throw new IllegalArgumentException(path + ": no reader for " + type);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class<? extends Enum>) type, name);
  }
}
