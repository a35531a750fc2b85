package io.peerlab.scenario;

import io.peerlab.core.api.Pluggable;
import io.peerlab.core.api.Settings;
import io.peerlab.core.api.SettingsSource;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of every topology and strategy a plugin loader sees that reads its own ({@link
 * Pluggable#readSettings}: a plugin's, and Chord's and Kademlia's), each from its section {@code
 * peerlab.<name>} through {@link ConfigReader}, so a plugin's bad value gets the same one-line
 * answer (and exit 2) as a built-in one. The other built-in sections are read by {@link
 * SettingsReaders}.
 */
final class PluginSettings {
  private PluginSettings() {}

  static Settings read(ConfigReader r, ClassLoader loader, Settings into) {
    Settings s = into;
    for (Pluggable part : parts(loader)) {
      Object value;
      try {
        value = part.readSettings(new Section(r, "peerlab." + part.name()));
      } catch (ScenarioException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ScenarioException(
            "plugin " + part.getClass().getName() + " could not read its settings (peerlab." + part.name()
                + "): " + e);
      }
      if (value != null) {
        s = s.with(value);
      }
    }
    return s;
  }

  /** Every topology, then every strategy, the loader sees. */
  static List<Pluggable> parts(ClassLoader loader) {
    List<Pluggable> out = new ArrayList<>();
    Topologies.names(loader).forEach(n -> out.add(Topologies.get(n, loader)));
    Transfers.names(loader).forEach(n -> out.add(Transfers.get(n, loader)));
    return out;
  }

  /** One section of the scenario, read through {@link ConfigReader}. */
  private record Section(ConfigReader r, String section) implements SettingsSource {
    private String path(String key) {
      return section + "." + key;
    }

    @Override
    public String string(String key) {
      return r.string(path(key));
    }

    @Override
    public String oneOf(String key, List<String> allowed) {
      return r.oneOf(path(key), allowed);
    }

    @Override
    public boolean bool(String key) {
      return r.bool(path(key));
    }

    @Override
    public int intAtLeast(String key, int min) {
      return r.intAtLeast(path(key), min);
    }

    @Override
    public double numberIn(String key, double min, boolean minInclusive, double max, boolean maxInclusive) {
      return r.numberIn(path(key), min, minInclusive, max, maxInclusive);
    }

    @Override
    public long durationNanos(String key, boolean allowZero) {
      return r.durationNanos(path(key), allowZero);
    }

    @Override
    public long bytes(String key) {
      return r.bytes(path(key));
    }

    @Override
    public List<String> strings(String key) {
      return r.strings(path(key));
    }

    @Override
    public RuntimeException invalid(String key, String problem) {
      return ScenarioException.key(path(key), problem);
    }
  }
}
