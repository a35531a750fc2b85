package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.peerlab.core.api.Topology;
import io.peerlab.core.api.TransferStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code peerlab} tree of the {@code reference.conf} files a class loader sees: peerlab's own
 * (this module's) and those of the jars and class folders that register a part (a {@code
 * META-INF/services} file for {@link Topology} or {@link TransferStrategy}: a plugin, as
 * docs/extending.md defines one), merged in class-path order, first wins. That is what {@code
 * ConfigFactory.parseResources(loader, "reference.conf").withOnlyPath("peerlab")} gives, read
 * without opening the other files: the class path also carries thirteen of Pekko's (ten times the
 * text of peerlab's). Parsing them was about a seventh of a small sim run's CPU time; later,
 * opening each one only to find that it never says "peerlab" was still 50 to 90 ms of the defaults'
 * thread, which a run's main thread waited for (every such jar opened a second time, through a
 * {@code JarURLConnection}). peerlab's own defaults are parsed once per process.
 */
final class References {
  private References() {}

  private static final String NAME = "reference.conf";
  private static final String ROOT = "peerlab";

  /** peerlab's own loader's defaults, parsed on first use (a Config is immutable). */
  private static Config builtIn;

  /** The {@code peerlab} tree of every reference.conf {@code loader} sees, merged first-wins. */
  static Config of(ClassLoader loader) {
    if (loader != Plugins.none()) {
      return parse(loader); // a plugin loader: made once per run, parsed once per run
    }
    // Locked: a caller that comes while {@link #preload}'s thread parses waits for its result.
    synchronized (References.class) {
      if (builtIn == null) {
        builtIn = parse(loader);
      }
      return builtIn;
    }
  }

  /**
   * Parses peerlab's defaults on a daemon thread of its own, so that a command can do other start-up
   * work meanwhile on the other core (a failure is left for the first real use to meet).
   */
  static void preload() {
    Thread t = new Thread(() -> {
      try {
        of(Plugins.none());
      } catch (RuntimeException e) {
        // met again, and reported, where the defaults are used
      }
    }, "peerlab-defaults");
    t.setDaemon(true);
    t.start();
  }

  private static Config parse(ClassLoader loader) {
    Config all = ConfigFactory.empty();
    ConfigParseOptions options = ConfigParseOptions.defaults().setClassLoader(loader);
    try {
      Set<String> parts = partRoots(loader);
      Enumeration<URL> urls = loader.getResources(NAME);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if (parts.contains(root(url.toString(), NAME))) {
          all = all.withFallback(ConfigFactory.parseURL(url, options));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + NAME + " from the class path", e);
    }
    return all.withOnlyPath(ROOT);
  }

  /** The service files that make a jar or class folder a peerlab part. */
  private static final List<String> SERVICES = List.of(
      "META-INF/services/" + Topology.class.getName(),
      "META-INF/services/" + TransferStrategy.class.getName());

  /**
   * Where the files that may hold peerlab defaults sit: the root ("jar:file:/x.jar!/" or
   * "file:/classes/") of this module and of every jar or class folder with a part's service file.
   */
  private static Set<String> partRoots(ClassLoader loader) throws IOException {
    Set<String> roots = new HashSet<>();
    String self = References.class.getName().replace('.', '/') + ".class";
    URL own = References.class.getClassLoader().getResource(self);
    if (own != null) {
      roots.add(root(own.toString(), self));
    }
    for (String service : SERVICES) {
      for (URL u : Collections.list(loader.getResources(service))) {
        roots.add(root(u.toString(), service));
      }
    }
    return roots;
  }

  /** {@code url} without its trailing {@code name}: the jar or folder it lies in. */
  private static String root(String url, String name) {
    return url.endsWith(name) ? url.substring(0, url.length() - name.length()) : url;
  }
}
