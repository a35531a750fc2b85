package io.peerlab.scenario;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.Settings;
import io.peerlab.core.overlay.flooding.FloodingSettings;
import io.peerlab.core.overlay.randomwalk.RandomWalkSettings;
import io.peerlab.core.overlay.superpeer.SuperPeerSettings;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.runtime.cluster.ClusterTls;
import io.peerlab.runtime.cluster.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the typed settings records of overlays and strategies from their scenario sections
 * ({@code peerlab.fetch}, {@code peerlab.flooding}, ...). Chord and Kademlia read their own, as a
 * plugin does ({@code Pluggable.readSettings}, through {@link PluginSettings}). One reader per record; each reads its keys
 * through {@link ConfigReader}, so bad values get the same one-line answer as every other key.
 * Defaults live only in reference.conf.
 */
final class SettingsReaders {
  private SettingsReaders() {}

  private static final List<Function<ConfigReader, Object>> READERS =
      List.of(
          SettingsReaders::fetch,
          SettingsReaders::swarm,
          SettingsReaders::faults,
          SettingsReaders::cluster,
          SettingsReaders::flooding,
          SettingsReaders::randomWalk,
          SettingsReaders::superPeer);

  static Settings read(ConfigReader r) {
    Settings s = Settings.empty();
    for (Function<ConfigReader, Object> reader : READERS) {
      s = s.with(reader.apply(r));
    }
    return s;
  }

  private static FetchSettings fetch(ConfigReader r) {
    return new FetchSettings(
        r.intAtLeast("peerlab.fetch.window", 1),
        r.durationNanos("peerlab.fetch.chunk-timeout", false),
        r.bool("peerlab.fetch.share-downloads"),
        r.intAtLeast("peerlab.fetch.upload-pipeline", 0),
        r.bool("peerlab.objects.materialize"));
  }

  private static SwarmSettings swarm(ConfigReader r) {
    return new SwarmSettings(
        r.intAtLeast("peerlab.swarm.upload-slots", 1),
        r.bool("peerlab.swarm.optimistic-unchoke"),
        r.durationNanos("peerlab.swarm.rechoke-interval", false),
        r.intAtLeast("peerlab.swarm.max-peers", 1),
        r.durationNanos("peerlab.swarm.announce-interval", false),
        r.durationNanos("peerlab.swarm.seed-time", true),
        r.durationNanos("peerlab.swarm.request-queue", false),
        r.intAtLeast("peerlab.swarm.random-first", 0),
        r.bool("peerlab.swarm.endgame"));
  }

  /** {@code faults.corrupt-peers}: a fraction of the non-server peers, or a list of addresses. */
  private static FaultSettings faults(ConfigReader r) {
    String key = "peerlab.faults.corrupt-peers";
    int peers = r.intAtLeast("peerlab.peers", 1);
    ConfigValue v = r.value(key);
    if (v.valueType() == ConfigValueType.LIST) {
      List<Integer> addresses = new ArrayList<>();
      for (Object o : (List<?>) v.unwrapped()) {
        if (!(o instanceof Integer a) || a < 0 || a >= peers) {
          throw ScenarioException.key(
              key, "a list must hold peer addresses from 0 to " + (peers - 1) + ", got " + o);
        }
        addresses.add(a);
      }
      return FaultSettings.corrupt(addresses);
    }
    double fraction = r.numberIn(key, 0, true, 1, false);
    return FaultSettings.corruptFraction(
        fraction, r.wholeNumber("peerlab.seed"), r.intAtLeast("peerlab.servers", 0), peers);
  }

  private static ClusterSettings cluster(ConfigReader r) {
    List<String> seeds = r.strings("peerlab.cluster.seed-nodes");
    if (seeds.isEmpty()) {
      throw ScenarioException.key("peerlab.cluster.seed-nodes", "must name at least one seed node, e.g. [\"127.0.0.1:25520\"]");
    }
    for (String s : seeds) {
      try {
        HostPort hp = HostPort.parse(s);
        if (hp.port() == 0) {
          throw new IllegalArgumentException("'" + s + "': a seed node needs a fixed port");
        }
      } catch (IllegalArgumentException e) {
        throw ScenarioException.key("peerlab.cluster.seed-nodes", e.getMessage());
      }
    }
    String host = r.string("peerlab.cluster.host");
    try {
      new HostPort(host, 0);
    } catch (IllegalArgumentException e) {
      throw ScenarioException.key("peerlab.cluster.host", "'" + host + "' is not a host name or address");
    }
    int port = r.intAtLeast("peerlab.cluster.port", 0);
    if (port > 65_535) {
      throw ScenarioException.key("peerlab.cluster.port", "must be in 0..65535 (0 = any free port), got " + port);
    }
    String tls = r.string("peerlab.cluster.tls");
    if (!tls.isEmpty()) {
      try {
        ClusterTls.check(Path.of(tls));
      } catch (IllegalArgumentException e) {
        throw ScenarioException.key("peerlab.cluster.tls", e.getMessage());
      }
    }
    return new ClusterSettings(
        seeds,
        r.intAtLeast("peerlab.cluster.nodes", 1),
        r.durationNanos("peerlab.cluster.join-timeout", false),
        host,
        port,
        r.bool("peerlab.cluster.network-model"),
        tls);
  }

  private static FloodingSettings flooding(ConfigReader r) {
    String p = "peerlab.flooding.";
    return new FloodingSettings(
        evenDegree(r, p + "degree"),
        r.intAtLeast(p + "ttl", 1),
        r.intAtLeast(p + "join-walk-length", 0),
        r.durationNanos(p + "join-timeout", false),
        r.durationNanos(p + "search-window", true),
        r.durationNanos(p + "hit-timeout", false));
  }

  private static RandomWalkSettings randomWalk(ConfigReader r) {
    String p = "peerlab.random-walk.";
    return new RandomWalkSettings(
        evenDegree(r, p + "degree"),
        r.intAtLeast(p + "walkers", 1),
        r.intAtLeast(p + "ttl", 1),
        r.intAtLeast(p + "check-interval", 0),
        r.intAtLeast(p + "join-walk-length", 0),
        r.durationNanos(p + "join-timeout", false),
        r.durationNanos(p + "search-window", true),
        r.durationNanos(p + "hit-timeout", false));
  }

  private static SuperPeerSettings superPeer(ConfigReader r) {
    String p = "peerlab.super-peer.";
    return new SuperPeerSettings(
        r.numberIn(p + "fraction", 0, false, 1, true),
        evenDegree(r, p + "degree"),
        r.intAtLeast(p + "ttl", 0),
        r.intAtLeast(p + "leaf-connections", 1),
        r.intAtLeast(p + "join-walk-length", 0),
        r.durationNanos(p + "join-timeout", false),
        r.durationNanos(p + "search-window", true),
        r.durationNanos(p + "hit-timeout", false));
  }

  /** A graph degree: even and at least 2 (edge splitting gives every joiner two links a split). */
  private static int evenDegree(ConfigReader r, String path) {
    int d = r.intAtLeast(path, 2);
    if (d % 2 != 0) {
      throw ScenarioException.key(
          path, "must be an even number >= 2 (each join splits degree/2 edges), got " + d);
    }
    return d;
  }
}
