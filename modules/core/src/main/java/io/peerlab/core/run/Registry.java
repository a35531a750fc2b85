package io.peerlab.core.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Named parts found with {@link ServiceLoader} through one class loader, in the order their
 * providers are listed (the built-in jar lists them in the order the docs do; a plugin loader
 * whose parent is peerlab's own finds the built-in ones first, then the plugin's). Two providers
 * of one name are a packaging error, reported when the registry is first used. Nothing here lists
 * a part by name.
 */
final class Registry<T> {
  private final String kind;
  private final Map<String, T> byName;
  private final List<String> names;

  Registry(String kind, Class<T> type, Function<T, String> name, ClassLoader loader) {
    this.kind = kind;
    Map<String, T> found = new LinkedHashMap<>();
    for (T t : ServiceLoader.load(type, loader)) {
      T before = found.putIfAbsent(name.apply(t), t);
      if (before != null && before.getClass() != t.getClass()) {
        throw new IllegalStateException(
            "two " + kind + "s named '" + name.apply(t) + "': " + before.getClass().getName()
                + " and " + t.getClass().getName());
      }
    }
    this.byName = Map.copyOf(found);
    this.names = List.copyOf(found.keySet());
  }

  /** peerlab's own class loader: the built-in parts and any on the class path. */
  static ClassLoader own() {
    return Registry.class.getClassLoader();
  }

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

  /**
   * One registry per class loader, built on first use. A registry holds its parts, and so its
   * loader, for as long as the process runs: a CLI run or a node loads its plugins once.
   */
  static final class PerLoader<T> {
    private final String kind;
    private final Class<T> type;
    private final Function<T, String> name;
    private final Map<ClassLoader, Registry<T>> byLoader = new WeakHashMap<>();

    PerLoader(String kind, Class<T> type, Function<T, String> name) {
      this.kind = kind;
      this.type = type;
      this.name = name;
    }

    synchronized Registry<T> of(ClassLoader loader) {
      return byLoader.computeIfAbsent(loader, l -> new Registry<>(kind, type, name, l));
    }
  }
}
