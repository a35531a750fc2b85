package io.peerlab.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * The {@code peerlab} tree of every {@code reference.conf} a class loader sees: what {@code
 * ConfigFactory.parseResources(loader, "reference.conf").withOnlyPath("peerlab")} gives, read
 * without parsing the files that cannot hold a {@code peerlab} key. The class path also carries
 * Pekko's reference.conf files (ten times the text of peerlab's), and parsing them was about a
 * seventh of a small sim run's CPU time. peerlab's own defaults are parsed once per process.
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
      Enumeration<URL> urls = loader.getResources(NAME);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        // A file whose text never says "peerlab" sets no peerlab key: skipping it merges the same.
        if (mentionsRoot(url)) {
          all = all.withFallback(ConfigFactory.parseURL(url, options));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + NAME + " from the class path", e);
    }
    return all.withOnlyPath(ROOT);
  }

  private static boolean mentionsRoot(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(ROOT);
    }
  }
}
