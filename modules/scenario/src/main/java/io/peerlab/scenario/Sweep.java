package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parameter sweep (docs/scenarios.md, "Sweeps"): axes of values for scenario keys, each axis
 * with optional tied keys that move with it; several axes make a grid. Read from
 * {@code peerlab.sweep} or from {@code --sweep key=v1,v2,...}; checked here for its shape (known
 * keys, non-empty values, tied lists of the same length), while each point's values are checked by
 * loading the scenario with them ({@link ScenarioLoader#plan}).
 *
 * @param axes the axes, in order; empty: no sweep
 */
public record Sweep(List<Axis> axes) {
  static final String PATH = "peerlab.sweep";

  /** Keys a sweep may not move: they would change what a sweep is or where it runs. */
  private static final List<String> FIXED = List.of("name", "runtime", "cluster", "sweep");

  public Sweep {
    axes = List.copyOf(axes);
  }

  public static final Sweep NONE = new Sweep(List.of());

  public boolean isEmpty() {
    return axes.isEmpty();
  }

  /**
   * One axis: {@code key} takes each of {@code values} in turn; each tied key takes its own list's
   * value at the same index. Keys without the {@code peerlab.} prefix.
   */
  public record Axis(String key, List<ConfigValue> values, Map<String, List<ConfigValue>> with) {
    public Axis {
      values = List.copyOf(values);
      with = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(with));
    }

    /** As in results.json's {@code sweep.axes}. */
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", key);
      m.put("values", unwrapped(values));
      if (!with.isEmpty()) {
        Map<String, Object> w = new LinkedHashMap<>();
        with.forEach((k, v) -> w.put(k, unwrapped(v)));
        m.put("with", w);
      }
      return m;
    }
  }

  /**
   * One point of the sweep: every swept key's value.
   *
   * @param values key (without prefix) to value, as written into each run's {@code sweep}
   * @param overrides the same as {@code --set} overrides
   */
  public record Point(Map<String, Object> values, List<String> overrides) {
    public Point {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      overrides = List.copyOf(overrides);
    }

    /** "peers=10, workload.clients=9". */
    public String label() {
      List<String> parts = new ArrayList<>();
      values.forEach((k, v) -> parts.add(k + "=" + v));
      return String.join(", ", parts);
    }
  }

  /** The root {@code sweep} section of results.json (docs/results.md, "Sweeps"). */
  public record Section(List<String> keys, List<Map<String, Object>> axes, List<Map<String, Object>> points) {}

  public Section section() {
    List<String> keys = new ArrayList<>();
    List<Map<String, Object>> a = new ArrayList<>();
    for (Axis axis : axes) {
      keys.add(axis.key());
      keys.addAll(axis.with().keySet());
      a.add(axis.json());
    }
    List<Map<String, Object>> p = new ArrayList<>();
    for (Point point : points()) {
      p.add(point.values());
    }
    return new Section(keys, a, p);
  }

  /** Every point of the grid, the first axis varying slowest; one empty point when no sweep. */
  public List<Point> points() {
    List<Point> out = new ArrayList<>();
    out.add(new Point(Map.of(), List.of()));
    for (Axis axis : axes) {
      List<Point> next = new ArrayList<>();
      for (Point p : out) {
        for (int i = 0; i < axis.values().size(); i++) {
          Map<String, Object> values = new LinkedHashMap<>(p.values());
          List<String> overrides = new ArrayList<>(p.overrides());
          put(values, overrides, axis.key(), axis.values().get(i));
          for (Map.Entry<String, List<ConfigValue>> tied : axis.with().entrySet()) {
            put(values, overrides, tied.getKey(), tied.getValue().get(i));
          }
          next.add(new Point(values, overrides));
        }
      }
      out = next;
    }
    return out;
  }

  private static void put(Map<String, Object> values, List<String> overrides, String key, ConfigValue v) {
    values.put(key, v.unwrapped());
    overrides.add(key + "=" + v.render(ConfigRenderOptions.concise()));
  }

  // ---- reading ----

  /** The sweep of a scenario file: {@code peerlab.sweep}, one axis object or a list of them. */
  static Sweep fromConfig(Config user) {
    // null: no sweep. HOCON's way to drop one a scenario took from a file it includes (setting an
    // object there would merge with the included sweep instead).
    if (!user.hasPathOrNull(PATH) || user.getIsNull(PATH)) {
      return NONE;
    }
    ConfigValue v = user.getValue(PATH);
    List<Axis> axes = new ArrayList<>();
    if (v.valueType() == ConfigValueType.OBJECT) {
      axes.add(axis((ConfigObject) v, PATH));
    } else if (v.valueType() == ConfigValueType.LIST) {
      ConfigList list = (ConfigList) v;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).valueType() != ConfigValueType.OBJECT) {
          throw ScenarioException.key(PATH, "each axis must be an object { key = ..., values = [...] }");
        }
        axes.add(axis((ConfigObject) list.get(i), PATH + "[" + i + "]"));
      }
    } else {
      throw ScenarioException.key(
          PATH, "must be { key = K, values = [...] } or a list of them, got " + v.valueType().name().toLowerCase());
    }
    return checked(axes);
  }

  private static Axis axis(ConfigObject o, String where) {
    Set<String> unknown = new TreeSet<>(o.keySet());
    unknown.removeAll(List.of("key", "values", "with"));
    if (!unknown.isEmpty()) {
      throw ScenarioException.key(
          where + "." + unknown.iterator().next(), "unknown key; an axis has key, values and with");
    }
    Config c = o.toConfig();
    if (!c.hasPath("key") || c.getValue("key").valueType() != ConfigValueType.STRING) {
      throw ScenarioException.key(where + ".key", "must name the key to sweep, e.g. key = peers");
    }
    String key = bare(c.getString("key"));
    List<ConfigValue> values = list(c, "values", key);
    Map<String, List<ConfigValue>> with = new LinkedHashMap<>();
    if (c.hasPath("with")) {
      if (c.getValue("with").valueType() != ConfigValueType.OBJECT) {
        throw ScenarioException.key(where + ".with", "must be an object of key = [values], e.g. with { workload.clients = [10, 20] }");
      }
      // Tied keys are written as paths (workload.clients), so read the leaves of the object.
      Config w = c.getConfig("with");
      for (Map.Entry<String, ConfigValue> e : w.entrySet()) {
        with.put(bare(e.getKey()), list(w, ConfigUtil.joinPath(ConfigUtil.splitPath(e.getKey())), bare(e.getKey())));
      }
    }
    return new Axis(key, values, with);
  }

  private static List<ConfigValue> list(Config c, String path, String key) {
    if (!c.hasPath(path) || c.getValue(path).valueType() != ConfigValueType.LIST) {
      throw ScenarioException.key(prefixed(key), "sweep values must be a list, e.g. values = [10, 20, 50]");
    }
    return new ArrayList<>(c.getList(path));
  }

  /** {@code --sweep} arguments: each one axis, {@code key=v1,v2}; tied keys joined by ';'. */
  public static Sweep fromCli(List<String> args) {
    List<Axis> axes = new ArrayList<>();
    for (String arg : args) {
      Axis axis = null;
      Map<String, List<ConfigValue>> with = new LinkedHashMap<>();
      for (String part : arg.split(";")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new ScenarioException(
              "bad --sweep '" + arg + "': expected key=v1,v2,..., e.g. --sweep peers=10,20,50");
        }
        String key = bare(part.substring(0, eq).trim());
        String rest = part.substring(eq + 1).trim();
        List<ConfigValue> values = new ArrayList<>();
        if (!rest.isEmpty()) {
          for (String v : rest.split(",", -1)) {
            values.add(value(v.trim()));
          }
        }
        if (axis == null) {
          axis = new Axis(key, values, Map.of());
        } else {
          with.put(key, values);
        }
      }
      axes.add(new Axis(axis.key(), axis.values(), with));
    }
    return checked(axes);
  }

  /** A value as HOCON reads it (10, 20ms, true, swarm), a string if HOCON cannot. */
  private static ConfigValue value(String text) {
    try {
      return ConfigFactory.parseString("v = " + text).getValue("v");
    } catch (ConfigException e) {
      return ConfigFactory.parseString("v = " + ConfigUtil.quoteString(text)).getValue("v");
    }
  }

  /** Every key known and movable, values non-empty, tied lists as long as the axis, no key twice. */
  private static Sweep checked(List<Axis> axes) {
    Set<String> known = new HashSet<>(ScenarioLoader.knownKeys());
    Set<String> seen = new HashSet<>();
    for (Axis axis : axes) {
      List<String> keys = new ArrayList<>();
      keys.add(axis.key());
      keys.addAll(axis.with().keySet());
      for (String key : keys) {
        check(key, known);
        if (!seen.add(key)) {
          throw ScenarioException.key(prefixed(key), "is swept twice; tie keys that move together with 'with'");
        }
        List<ConfigValue> values = key.equals(axis.key()) ? axis.values() : axis.with().get(key);
        if (values.isEmpty()) {
          throw ScenarioException.key(prefixed(key), "sweep values are empty; give at least one value");
        }
        if (values.size() != axis.values().size()) {
          throw ScenarioException.key(
              prefixed(key), "tied to " + axis.key() + " but has " + values.size() + " values for its "
                  + axis.values().size());
        }
      }
    }
    return new Sweep(axes);
  }

  private static void check(String key, Set<String> known) {
    String path = prefixed(key);
    for (String fixed : FIXED) {
      if (key.equals(fixed) || key.startsWith(fixed + ".")) {
        throw ScenarioException.key(path, "cannot be swept (one sweep runs one scenario on one runtime)");
      }
    }
    if (known.contains(path)) {
      return;
    }
    for (String k : known) {
      if (k.startsWith(path + ".")) {
        return; // an object key such as network.latency or workload.mix
      }
    }
    String hint = ScenarioLoader.closest(path, known);
    throw ScenarioException.key(
        path, "unknown key to sweep" + (hint == null ? "" : "; did you mean '" + hint + "'?")
            + " (every key is listed in docs/scenarios.md)");
  }

  private static String bare(String key) {
    String k = key.trim();
    return k.startsWith("peerlab.") ? k.substring("peerlab.".length()) : k;
  }

  private static String prefixed(String key) {
    return "peerlab." + key;
  }

  private static List<Object> unwrapped(List<ConfigValue> values) {
    List<Object> out = new ArrayList<>();
    for (ConfigValue v : values) {
      out.add(v.unwrapped());
    }
    return out;
  }
}
