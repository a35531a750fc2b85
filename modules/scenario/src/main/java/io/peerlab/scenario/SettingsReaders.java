package io.peerlab.scenario;

import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import io.peerlab.core.run.Settings;
import io.peerlab.core.transfer.FetchSettings;
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
      List.of(SettingsReaders::fetch, SettingsReaders::chord, SettingsReaders::kademlia);

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

  private static ChordSettings chord(ConfigReader r) {
    return new ChordSettings(
        r.intAtLeast("peerlab.chord.successors", 1),
        r.durationNanos("peerlab.chord.stabilize-interval", false),
        r.durationNanos("peerlab.chord.fix-fingers-interval", false),
        r.durationNanos("peerlab.chord.check-predecessor-interval", false),
        r.durationNanos("peerlab.chord.failure-timeout", false),
        r.durationNanos("peerlab.chord.request-timeout", false),
        r.intAtLeast("peerlab.chord.request-attempts", 1),
        r.durationNanos("peerlab.chord.join-wave", false),
        r.durationNanos("peerlab.chord.settle", true),
        r.bool("peerlab.chord.warm-start"));
  }

  private static KademliaSettings kademlia(ConfigReader r) {
    return new KademliaSettings(
        r.intAtLeast("peerlab.kademlia.k", 1),
        r.intAtLeast("peerlab.kademlia.alpha", 1),
        r.durationNanos("peerlab.kademlia.rpc-timeout", false),
        r.durationNanos("peerlab.kademlia.refresh-interval", false),
        r.durationNanos("peerlab.kademlia.stale-after", true),
        r.bool("peerlab.kademlia.join-refresh"),
        r.durationNanos("peerlab.kademlia.join-wave", false),
        r.durationNanos("peerlab.kademlia.settle", true));
  }
}
