package io.peerlab.scenario;

import io.peerlab.core.run.Settings;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.runtime.cluster.ClusterSettings;
import io.peerlab.runtime.cluster.HostPort;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the typed settings records of overlays and strategies from their scenario sections
 * ({@code peerlab.fetch}, {@code peerlab.chord}, ...). One reader per record; each reads its keys
 * through {@link ConfigReader}, so bad values get the same one-line answer as every other key.
 * Defaults live only in reference.conf.
 */
final class SettingsReaders {
  private SettingsReaders() {}

  private static final List<Function<ConfigReader, Object>> READERS =
      List.of(SettingsReaders::fetch, SettingsReaders::cluster);

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
        r.bool("peerlab.fetch.share-downloads"));
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
    return new ClusterSettings(
        seeds,
        r.intAtLeast("peerlab.cluster.nodes", 1),
        r.durationNanos("peerlab.cluster.join-timeout", false),
        host,
        port,
        r.bool("peerlab.cluster.network-model"));
  }
}
