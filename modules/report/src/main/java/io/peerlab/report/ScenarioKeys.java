package io.peerlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.peerlab.scenario.ResultsJson;
import io.peerlab.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a run was made: the keys of results.json's {@code config} whose value differs from
 * reference.conf (the scenario module's, as the run loaded it), so a report says what was chosen
 * rather than every default.
 */
final class ScenarioKeys {
  private ScenarioKeys() {}

  /**
   * @param key the key without the {@code peerlab.} prefix, e.g. {@code network.latency}
   * @param value its value in the run
   * @param reference its value in reference.conf, or null when reference.conf does not have it
   */
  record Key(String key, String value, String reference) {}

  /** The non-default keys of a resolved config tree, sorted by key. */
  static List<Key> nonDefault(JsonNode config) {
    Config ref = ScenarioLoader.reference().resolve().getConfig("peerlab");
    return differences(config, ResultsJson.tree(ref.root().unwrapped()));
  }

  /** The keys of {@code config} whose value is not the one in {@code other}, sorted by key. */
  static List<Key> differences(JsonNode config, JsonNode other) {
    List<Key> out = new ArrayList<>();
    if (config.isObject()) {
      diff("", config, other, out);
    }
    return out;
  }

  private static void diff(String prefix, JsonNode value, JsonNode reference, List<Key> out) {
    if (value.isObject() && reference != null && reference.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      value.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        diff(prefix + name + ".", value.get(name), reference.get(name), out);
      }
      return;
    }
    if (reference == null || !same(value, reference)) {
      String key = prefix.substring(0, prefix.length() - 1);
      out.add(new Key(key, text(value), reference == null ? null : text(reference)));
    }
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** A value as a scenario file would write it: {@code 5ms}, {@code [a, b]}, {@code { max = 25ms, min = 5ms }}. */
  static String text(JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(x -> items.add(text(x)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v.isObject()) {
      List<String> items = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        items.add(e.getKey() + " = " + text(e.getValue()));
      }
      return "{ " + String.join(", ", items) + " }";
    }
    return v.asText();
  }
}
