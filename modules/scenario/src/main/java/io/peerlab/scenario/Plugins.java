package io.peerlab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of a run's plugins: jars and class folders named with {@code --plugin}, and
 * every jar in a {@code plugins/} folder beside the scenario file. Its parent is peerlab's own
 * loader, so a plugin sees the API (and the JDK) and peerlab finds the plugin's topologies,
 * strategies and {@code reference.conf} through it. With no plugin paths it is peerlab's own
 * loader.
 */
public final class Plugins {
  private Plugins() {}

  /** The folder beside a scenario file whose jars load automatically. */
  public static final String FOLDER = "plugins";

  /** peerlab's own class loader: the built-in parts only. */
  public static ClassLoader none() {
    return Plugins.class.getClassLoader();
  }

  /**
   * A loader over {@code paths} (each a jar, a folder of jars, or a class folder, one with {@code
   * META-INF} in it) and the jars in {@code plugins/} beside {@code scenario} (null: none).
   */
  public static ClassLoader open(List<Path> paths, Path scenario) {
    List<URL> urls = new ArrayList<>();
    for (Path p : paths(paths, scenario)) {
      add(p, urls);
    }
    if (urls.isEmpty()) {
      return none();
    }
    return new URLClassLoader("peerlab-plugins", urls.toArray(new URL[0]), none());
  }

  /**
   * {@code paths} (each checked to exist) and the {@code plugins/} folder beside {@code scenario}
   * if there is one: what {@link #open} loads, and what cluster-demo hands to its node JVMs.
   */
  public static List<Path> paths(List<Path> paths, Path scenario) {
    List<Path> all = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new ScenarioException("--plugin '" + p + "': no such jar or folder");
      }
      all.add(p.toAbsolutePath());
    }
    if (scenario != null) {
      Path beside = scenario.toAbsolutePath().getParent().resolve(FOLDER);
      if (Files.isDirectory(beside)) {
        all.add(beside);
      }
    }
    return all;
  }

  private static void add(Path p, List<URL> urls) {
    if (Files.isDirectory(p) && !Files.isDirectory(p.resolve("META-INF"))) {
      try (Stream<Path> files = Files.list(p)) {
        files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(f -> urls.add(url(f)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list plugin folder " + p, e);
      }
    } else if (Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")) {
      urls.add(url(p));
    } else {
      throw new ScenarioException("--plugin '" + p + "': not a jar (*.jar) or a folder");
    }
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().normalize().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new ScenarioException("--plugin '" + p + "': " + e.getMessage());
    }
  }
}
