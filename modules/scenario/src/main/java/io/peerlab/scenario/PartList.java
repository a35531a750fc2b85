package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.peerlab.core.api.Pluggable;
import io.peerlab.core.api.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every topology and transfer strategy a plugin loader sees, with its description and the keys of
 * its section {@code peerlab.<name>} (defaults and the first line of their reference.conf comment):
 * what {@code peerlab topologies} prints.
 */
public final class PartList {
  private PartList() {}

  /** One key of a part's section. */
  public record Key(String path, String defaultValue, String comment) {}

  /** One topology or strategy. */
  public record Part(String kind, String name, String description, String className, List<Key> keys) {}

  public static List<Part> of(ClassLoader plugins) {
    Config reference = ScenarioLoader.reference(plugins);
    List<Part> out = new ArrayList<>();
    for (Pluggable p : PluginSettings.parts(plugins)) {
      String section = "peerlab." + p.name();
      List<Key> keys = new ArrayList<>();
      if (reference.hasPath(section) && reference.getValue(section) instanceof com.typesafe.config.ConfigObject) {
        Map<String, ConfigValue> sorted = new TreeMap<>();
        reference.getConfig(section).entrySet().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach(
            (k, v) ->
                keys.add(
                    new Key(
                        section + "." + k,
                        v.render(ConfigRenderOptions.concise()),
                        v.origin().comments().isEmpty() ? "" : v.origin().comments().get(0).trim())));
      }
      out.add(new Part(p instanceof Topology ? "topology" : "transfer", p.name(), p.description(),
          p.getClass().getName(), keys));
    }
    return out;
  }
}
