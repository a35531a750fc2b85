package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of a resolved scenario config with one-line errors that name the full key and what
 * is allowed. Every read goes through here, so every bad value gets the same kind of answer.
 */
final class ConfigReader {
  private final Config config;
  private final String prefix; // what errors put before a path: the list element read

  ConfigReader(Config config) {
    this(config, "");
  }

  /** A reader of one object inside a list; its errors name {@code prefix + path}. */
  ConfigReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  boolean hasPath(String path) {
    return config.hasPath(path);
  }

  Config config() {
    return config;
  }

  String string(String path) {
    ConfigValue v = value(path);
    if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER
        && v.valueType() != ConfigValueType.BOOLEAN) {
      throw wrong(path, "a string", v);
    }
    return String.valueOf(v.unwrapped());
  }

  String oneOf(String path, List<String> allowed) {
    String s = string(path);
    if (!allowed.contains(s)) {
      throw ScenarioException.key(
          prefix + path, "'" + s + "' is not allowed; use one of " + String.join(", ", allowed));
    }
    return s;
  }

  boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException.WrongType e) {
      throw wrong(path, "true or false", value(path));
    }
  }

  long wholeNumber(String path) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.NUMBER) {
      Number n = (Number) v.unwrapped();
      if (n instanceof Integer || n instanceof Long) {
        return n.longValue();
      }
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9e15) {
        return (long) d;
      }
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Long.parseLong(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw wrong(path, "a whole number", v);
  }

  int intAtLeast(String path, int min) {
    long v = wholeNumber(path);
    if (v < min || v > Integer.MAX_VALUE) {
      throw ScenarioException.key(prefix + path, "must be a whole number >= " + min + ", got " + v);
    }
    return (int) v;
  }

  double number(String path) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.NUMBER) {
      return ((Number) v.unwrapped()).doubleValue();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw wrong(path, "a number", v);
  }

  double numberIn(String path, double min, boolean minInclusive, double max, boolean maxInclusive) {
    double d = number(path);
    boolean ok = (minInclusive ? d >= min : d > min) && (maxInclusive ? d <= max : d < max);
    if (!ok || Double.isNaN(d)) {
      throw ScenarioException.key(
          prefix + path, "must be in " + (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max)
              + (maxInclusive ? "]" : ")") + ", got " + fmt(d));
    }
    return d;
  }

  /** A duration in nanoseconds: "10ms", "5s", "2m"; a bare number means milliseconds. */
  long durationNanos(String path, boolean allowZero) {
    Duration d;
    try {
      d = config.getDuration(path);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw wrong(path, "a duration such as 10ms, 5s or 2m", value(path));
    }
    if (d.isNegative() || (!allowZero && d.isZero())) {
      throw ScenarioException.key(
          prefix + path, "must be a duration " + (allowZero ? ">= 0" : "> 0") + ", got " + value(path).unwrapped());
    }
    return d.toNanos();
  }

  /** A size in bytes: "256KiB", "1MiB", or a bare number of bytes. */
  long bytes(String path) {
    long b;
    try {
      b = config.getBytes(path);
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw wrong(path, "a size such as 64KiB or 1MiB", value(path));
    }
    if (b <= 0) {
      throw ScenarioException.key(prefix + path, "must be a size > 0, got " + value(path).unwrapped());
    }
    return b;
  }

  /** A bandwidth in bytes per second, or 0 for "unlimited". */
  long bandwidth(String path) {
    ConfigValue v = value(path);
    if (v.valueType() == ConfigValueType.STRING
        && "unlimited".equals(((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT))) {
      return 0;
    }
    try {
      long b = config.getBytes(path);
      if (b <= 0) {
        throw ScenarioException.key(prefix + path, "must be > 0 bytes per second or \"unlimited\", got " + v.unwrapped());
      }
      return b;
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw wrong(path, "bytes per second such as 1MiB, or \"unlimited\"", v);
    }
  }

  List<String> strings(String path) {
    ConfigValue v = value(path);
    if (v.valueType() != ConfigValueType.LIST) {
      throw wrong(path, "a list such as [a, b]", v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v.unwrapped()) {
      if (!(o instanceof String) && !(o instanceof Number)) {
        throw wrong(path, "a list of names", v);
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  boolean isObject(String path) {
    return config.hasPath(path) && value(path).valueType() == ConfigValueType.OBJECT;
  }

  ConfigValue value(String path) {
    try {
      if (!config.hasPathOrNull(path) || config.getIsNull(path)) {
        throw ScenarioException.key(prefix + path, "is missing or null");
      }
      return config.getValue(path);
    } catch (ConfigException.BadPath e) {
      throw ScenarioException.key(prefix + path, "is not a valid key path");
    }
  }

  private ScenarioException wrong(String path, String expected, ConfigValue v) {
    String got = v.valueType() == ConfigValueType.STRING
        ? "\"" + v.unwrapped() + "\""
        : v.render(com.typesafe.config.ConfigRenderOptions.concise());
    return ScenarioException.key(prefix + path, "expected " + expected + ", got " + got);
  }

  /** A number as a person would write it: 0.9, not 0.8999999999999999. */
  static String fmt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return String.valueOf(d);
    }
    return java.math.BigDecimal.valueOf(d)
        .round(new java.math.MathContext(10))
        .stripTrailingZeros()
        .toPlainString();
  }
}
