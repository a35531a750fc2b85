package io.peerlab.cli;

import io.peerlab.core.api.Topology;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apiguardian.api.API;

/**
 * Builds a plugin jar during a test, as a plugin author's build would: compiles the Java sources
 * under {@code src/test/plugins/<name>} and under the extra {@code sources} folders with the JDK's
 * compiler against peerlab's API only (core's classes and apiguardian), and packs the classes with
 * the plugin folder's resources (META-INF/services, reference.conf). The jar is never on the
 * test's class path.
 */
final class PluginJar {
  private PluginJar() {}

  static Path build(String name, Path dir, Path... sources) {
    Path src = Path.of("src/test/plugins", name);
    Path classes = dir.resolve(name + "-classes");
    Path jar = dir.resolve(name + ".jar");
    try {
      Files.createDirectories(classes);
      List<File> java = new ArrayList<>(javaFiles(src));
      for (Path s : sources) {
        java.addAll(javaFiles(s));
      }
      List<Path> resources;
      try (Stream<Path> files = Files.walk(src)) {
        resources = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".java")).toList();
      }
      compile(java, classes);
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream j = new JarOutputStream(out)) {
        add(j, classes, classes);
        for (Path r : resources) {
          j.putNextEntry(new JarEntry(src.relativize(r).toString().replace(File.separatorChar, '/')));
          Files.copy(r, j);
          j.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plugin's Java sources; its tests ({@code *Test.java}, which need the testkit) stay out. */
  private static List<File> javaFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.toString().endsWith("Test.java"))
          .map(Path::toFile).toList();
    }
  }

  private static void compile(List<File> sources, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      List<String> options =
          new ArrayList<>(
              List.of(
                  "--release", "17", "-proc:none", "-d", classes.toString(),
                  "-classpath", location(Topology.class) + File.pathSeparator + location(API.class)));
      boolean ok =
          javac.getTask(diagnostics, fm, null, options, null, fm.getJavaFileObjectsFromFiles(sources)).call();
      if (!ok) {
        throw new IllegalStateException("plugin did not compile:\n" + diagnostics);
      }
    }
  }

  private static String location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(JarOutputStream j, Path root, Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(root.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, j);
        j.closeEntry();
      }
    }
  }
}
