package io.peerlab.core.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Typed settings of the parts a run may use (one record per overlay or strategy, e.g. {@code
 * FetchSettings}), keyed by their class. The scenario module builds them from the scenario file;
 * tests build them directly. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Settings {
  private static final Settings EMPTY = new Settings(Map.of());
  private final Map<Class<?>, Object> values;

  private Settings(Map<Class<?>, Object> values) {
    this.values = values;
  }

  public static Settings empty() {
    return EMPTY;
  }

  public static Settings of(Object... values) {
    Settings s = EMPTY;
    for (Object v : values) {
      s = s.with(v);
    }
    return s;
  }

  /** A copy with {@code value} set (replacing any value of the same class). */
  public Settings with(Object value) {
    Map<Class<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(value.getClass(), value);
    return new Settings(Map.copyOf(copy));
  }

  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(values.get(type)));
  }

  /** The value of this type; a missing value is a programming error in whoever built the spec. */
  public <T> T get(Class<T> type) {
    Object v = values.get(type);
    if (v == null) {
      throw new IllegalStateException("no " + type.getSimpleName() + " in the run's settings");
    }
    return type.cast(v);
  }

  /** Every value, in no particular order; hosts that ship settings between JVMs encode these. */
  public java.util.Collection<Object> values() {
    return java.util.List.copyOf(values.values());
  }

  @Override
  public String toString() {
    return "Settings" + values.values();
  }
}
