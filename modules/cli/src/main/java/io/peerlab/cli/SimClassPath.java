package io.peerlab.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code peerlab run} the launcher guessed to be on the sim runtime starts on the <em>sim class
 * path</em>: peerlab's jars and the few libraries a sim run uses (scripts/sim-classpath.txt), not
 * the sixty the command carries for Pekko, Scala and BouncyCastle. A JVM with fewer jars starts
 * faster: any lookup of a file or class that no jar has (a resource bundle's locale variants, a
 * service file) opens every jar of the class path, 50 to 80 ms for the whole one; the Chord
 * 1,000-peer process takes about 25 ms less and 8 MB less memory (bench/README.md, "Performance at
 * scale", seventh session).
 *
 * <p>The guess is the launcher's, from the command line and the scenario's text
 * (scripts/jvm-defaults.sh), and may be wrong: an {@code include} form the launcher does not
 * follow, a value from a substitution, a plugin that needs a library. So the launcher also names the whole class path
 * ({@value #FULL_PROPERTY}), and a run that finds, once its scenario is read and before it prints
 * or writes anything, that it needs more than the sim runtime ({@link #needsFull}) runs in a class
 * loader over the whole class path instead ({@link #runOnFullClassPath}): the same command, in the
 * same process (so Ctrl-C and {@code kill} reach it as before), only slower to start. A wrong guess
 * costs speed, never the run.
 */
final class SimClassPath {
  private SimClassPath() {}

  /** The whole class path, set by the launcher when it starts a run on the sim class path. */
  static final String FULL_PROPERTY = "peerlab.full-classpath";

  private static String[] args;

  /** The command line, kept for a run that moves to the whole class path. */
  static void remember(String[] commandLine) {
    args = commandLine.clone();
  }

  /** True in a JVM the launcher started on the sim class path. */
  static boolean active() {
    return System.getProperty(FULL_PROPERTY) != null;
  }

  /** True on the sim class path when a run's steps need a runtime other than sim. */
  static boolean needsFull(List<String> runtimes) {
    return active() && runtimes.stream().anyMatch(r -> !r.equals("sim"));
  }

  /**
   * Runs the command line again in a class loader over the whole class path (peerlab's classes
   * loaded anew there, with Pekko beside them) and exits with its exit code: its {@code main}
   * calls {@code System.exit}. Only when {@link #active()}.
   */
  static int runOnFullClassPath() {
    String full = System.getProperty(FULL_PROPERTY);
    if (full == null || args == null) {
      throw new IllegalStateException("not started by the launcher on the sim class path");
    }
    System.clearProperty(FULL_PROPERTY); // the run in the new loader stays where it is
    List<String> entries = expand(full);
    // Node JVMs a cluster run starts get the class path this property names (NodeJvms).
    System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    URLClassLoader loader =
        new URLClassLoader("peerlab-full", urls(entries), ClassLoader.getPlatformClassLoader());
    // Pekko and Typesafe Config find their reference.conf through the thread's context loader.
    Thread.currentThread().setContextClassLoader(loader);
    try {
      loader.loadClass(Main.class.getName()).getMethod("main", String[].class)
          .invoke(null, (Object) args.clone());
      return 0;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start peerlab on the whole class path " + full, e);
    }
  }

  /** The entries of a class path, each {@code dir/*} as the jars in {@code dir} (sorted). */
  static List<String> expand(String classPath) {
    List<String> out = new ArrayList<>();
    for (String e : classPath.split(File.pathSeparator)) {
      if (e.isEmpty()) {
        continue;
      }
      if (e.endsWith("/*") || e.endsWith(File.separator + "*")) {
        Path dir = Path.of(e.substring(0, e.length() - 2));
        try (Stream<Path> files = Files.list(dir)) {
          files.map(Path::toString).filter(f -> f.endsWith(".jar") || f.endsWith(".JAR")).sorted()
              .forEach(out::add);
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot list " + dir, ex);
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static URL[] urls(List<String> entries) {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = Path.of(entries.get(i)).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(entries.get(i), e);
      }
    }
    return urls;
  }
}
