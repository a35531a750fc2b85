package io.peerlab.scenario;

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
      List.of(SettingsReaders::fetch);

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
}
