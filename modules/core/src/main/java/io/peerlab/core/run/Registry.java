package io.peerlab.core.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Named parts found with {@link ServiceLoader}, in the order their providers are listed (the
 * built-in jar lists them in the order the docs do). Two providers of one name are a packaging
 * error, reported when the registry is first used.
 */
final class Registry<T> {
  private final String kind;
  private final Map<String, T> byName;

  Registry(String kind, Class<T> type, Function<T, String> name) {
    this.kind = kind;
    Map<String, T> found = new LinkedHashMap<>();
    for (T t : ServiceLoader.load(type, Registry.class.getClassLoader())) {
      T before = found.putIfAbsent(name.apply(t), t);
      if (before != null) {
        throw new IllegalStateException(
            "two " + kind + "s named '" + name.apply(t) + "': " + before.getClass().getName()
                + " and " + t.getClass().getName());
      }
    }
    this.byName = Map.copyOf(found);
    this.names = List.copyOf(found.keySet());
  }

  private final List<String> names;

  List<String> names() {
    return names;
  }

  Optional<T> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  T get(String name) {
    return find(name)
        .orElseThrow(
            () -> new IllegalArgumentException("unknown " + kind + " '" + name + "', known: " + names));
  }
}
