package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.peerlab.core.api.AdversarySettings;
import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.api.Settings;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.overlay.dht.DhtSettings;
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
          SettingsReaders::adversary,
          SettingsReaders::cluster,
          SettingsReaders::flooding,
          SettingsReaders::randomWalk,
          SettingsReaders::superPeer,
          SettingsReaders::failures,
          SettingsReaders::dht);

  static Settings read(ConfigReader r, String source) {
    Settings s = Settings.empty();
    for (Function<ConfigReader, Object> reader : READERS) {
      s = s.with(reader.apply(r));
    }
    return s.with(churn(r, source));
  }

  private static final List<String> CHURN_MODELS =
      List.of("none", "exponential", "weibull", "pareto", "trace");

  /** {@code peerlab.churn.*}; a trace file is read here (core reads no files). */
  private static ChurnSettings churn(ConfigReader r, String source) {
    String p = "peerlab.churn.";
    ChurnSettings.Model model =
        ChurnSettings.Model.valueOf(
            r.oneOf(p + "model", CHURN_MODELS).toUpperCase(java.util.Locale.ROOT));
    double shape = r.numberIn(p + "lifetime-shape", 0, false, 1e6, true);
    if (model == ChurnSettings.Model.PARETO && !(shape > 1)) {
      throw ScenarioException.key(
          p + "lifetime-shape", "must be > 1 for model = pareto (alpha <= 1 has no mean), got "
              + ConfigReader.fmt(shape));
    }
    List<ChurnSettings.TraceEntry> trace = List.of();
    String file = r.string(p + "trace");
    if (model == ChurnSettings.Model.TRACE) {
      if (file.isEmpty()) {
        throw ScenarioException.key(p + "trace", "model = trace needs a CSV file: time,peer,up|down");
      }
      trace = ChurnTrace.read(p + "trace", file, source, r.intAtLeast("peerlab.peers", 1));
    }
    return new ChurnSettings(
        model,
        r.durationNanos(p + "lifetime-mean", false),
        shape,
        r.durationNanos(p + "dead-time-mean", false),
        r.numberIn(p + "graceful-leave", 0, true, 1, true),
        trace,
        r.durationNanos(p + "start", true));
  }

  /** {@code peerlab.faults.mass-failure}, {@code server-outages} and {@code partitions}. */
  private static FailureSettings failures(ConfigReader r) {
    String p = "peerlab.faults.";
    long at = -1;
    String atKey = p + "mass-failure.at";
    ConfigValue atValue = r.value(atKey);
    boolean off =
        atValue.valueType() == ConfigValueType.BOOLEAN && !((Boolean) atValue.unwrapped())
            || atValue.valueType() == ConfigValueType.STRING
                && "off".equals(atValue.unwrapped());
    if (!off) {
      at = r.durationNanos(atKey, true);
    }
    double fraction = r.numberIn(p + "mass-failure.fraction", 0, true, 1, true);
    int servers = r.intAtLeast("peerlab.servers", 0);
    List<FailureSettings.Outage> outages = new ArrayList<>();
    String ok = p + "server-outages";
    List<? extends Config> list = objects(r, ok, "{ server = 0, from = 10s, until = 20s }");
    for (int i = 0; i < list.size(); i++) {
      ConfigReader e = element(list.get(i), ok, i, List.of("server", "from", "until"));
      int server = e.intAtLeast("server", 0);
      if (server >= servers) {
        throw ScenarioException.key(
            ok + "[" + i + "].server", "must name a server, 0 .. " + (servers - 1) + " (servers = "
                + servers + "), got " + server);
      }
      long from = e.durationNanos("from", true);
      long until = e.durationNanos("until", false);
      if (until <= from) {
        throw ScenarioException.key(ok + "[" + i + "].until", "must be after from");
      }
      outages.add(new FailureSettings.Outage(server, from, until));
    }
    List<FailureSettings.Partition> partitions = new ArrayList<>();
    String pk = p + "partitions";
    list = objects(r, pk, "{ from = 10s, until = 20s, fraction = 0.5 }");
    for (int i = 0; i < list.size(); i++) {
      ConfigReader e = element(list.get(i), pk, i, List.of("from", "until", "fraction"));
      long from = e.durationNanos("from", true);
      long until = e.durationNanos("until", false);
      if (until <= from) {
        throw ScenarioException.key(pk + "[" + i + "].until", "must be after from");
      }
      double f = e.hasPath("fraction") ? e.numberIn("fraction", 0, false, 1, false) : 0.5;
      partitions.add(new FailureSettings.Partition(from, until, f));
    }
    return new FailureSettings(at, fraction, outages, partitions);
  }

  private static List<? extends Config> objects(ConfigReader r, String key, String example) {
    ConfigValue v = r.value(key);
    if (v.valueType() != ConfigValueType.LIST) {
      throw ScenarioException.key(key, "must be a list of objects such as [ " + example + " ]");
    }
    try {
      return r.config().getConfigList(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ScenarioException.key(key, "must be a list of objects such as [ " + example + " ]");
    }
  }

  /** One object of a list, as a reader whose errors name {@code key[i].field}. */
  private static ConfigReader element(Config c, String key, int i, List<String> allowed) {
    for (String k : c.root().keySet()) {
      if (!allowed.contains(k)) {
        throw ScenarioException.key(
            key + "[" + i + "]." + k, "is not a key here; allowed: " + String.join(", ", allowed));
      }
    }
    for (String k : allowed) {
      if (!c.hasPath(k) && !k.equals("fraction")) {
        throw ScenarioException.key(key + "[" + i + "]." + k, "is missing");
      }
    }
    return new ConfigReader(c, key + "[" + i + "].");
  }

  private static DhtSettings dht(ConfigReader r) {
    return new DhtSettings(r.intAtLeast("peerlab.dht.replicas", 1), r.bool("peerlab.dht.warm-publish"));
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
        r.bool("peerlab.swarm.endgame"),
        r.numberIn("peerlab.swarm.free-riders", 0, true, 1, true),
        r.bool("peerlab.swarm.tit-for-tat"));
  }

  private static final List<String> PLACEMENTS = List.of("random", "targeted");
  private static final List<String> BEHAVIOURS = List.of("drop", "misroute", "poison", "free-ride");

  /** {@code peerlab.adversary.*} and {@code fetch.verify-manifests} (docs/adversary.md). */
  private static AdversarySettings adversary(ConfigReader r) {
    String p = "peerlab.adversary.";
    return new AdversarySettings(
        r.numberIn(p + "fraction", 0, true, 1, false),
        AdversarySettings.Placement.valueOf(
            r.oneOf(p + "placement", PLACEMENTS).toUpperCase(java.util.Locale.ROOT)),
        r.intAtLeast(p + "targets", 1),
        AdversarySettings.Behaviour.valueOf(
            r.oneOf(p + "behaviour", BEHAVIOURS).toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
        r.bool("peerlab.fetch.verify-manifests"));
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
