package io.peerlab.scenario;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.peerlab.core.run.FaultSettings;
import io.peerlab.core.run.Settings;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import java.util.ArrayList;
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
      List.of(SettingsReaders::fetch, SettingsReaders::swarm, SettingsReaders::faults);

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
}
