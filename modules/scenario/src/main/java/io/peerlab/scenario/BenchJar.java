package io.peerlab.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The JMH benchmarks of {@code bench/target/benchmarks.jar}, as {@code peerlab bench} runs them:
 * finds the jar (building it with Maven when it is missing or older than its sources), composes
 * JMH's command line from a profile and the user's options, and runs JMH and the summary of its
 * JSON in child JVMs. The bench module shades the jar after every other module is built, so this
 * class runs it as a file, never as a dependency.
 *
 * <p>Results are exit codes ({@link #OK}, {@link #FAILED}, {@link #BAD_INPUT}, as the CLI's);
 * status lines go to {@code status}.
 */
public final class BenchJar {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  /** The jar, relative to the project's root. */
  public static final String JAR = "bench/target/benchmarks.jar";

  static final String SUMMARY_CLASS = "io.peerlab.bench.BenchSummary";

  /** A jar that is not there and cannot be built: bad input. */
  public static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message);
    }
  }

  /** The summary table of JMH JSON results, and how making it ended. */
  public record Summary(int code, String table) {}

  private final Path root;
  private final Consumer<String> status;

  /**
   * @param root the project's root (holds {@code bench/} and {@code modules/})
   * @param status one-line (or, for a failed build, multi-line) messages for the user
   */
  public BenchJar(Path root, Consumer<String> status) {
    this.root = root;
    this.status = status;
  }

  // ---- the JMH command line ----

  /**
   * The JMH command line: the profile's options the user did not give, then the user's, then JSON
   * output to {@code json} unless the user chose a result format or file.
   */
  public static List<String> jmhArgs(List<String> profile, List<String> user, Path json) {
    Set<String> userOptions = new HashSet<>();
    Set<String> userParams = new HashSet<>();
    for (int i = 0; i < user.size(); i++) {
      String a = user.get(i);
      if (a.startsWith("-")) {
        userOptions.add(a);
        if (a.equals("-p") && i + 1 < user.size()) {
          userParams.add(paramName(user.get(i + 1)));
        }
      }
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i + 1 < profile.size(); i += 2) {
      String option = profile.get(i);
      String value = profile.get(i + 1);
      boolean given = option.equals("-p") ? userParams.contains(paramName(value)) : userOptions.contains(option);
      if (!given) {
        args.add(option);
        args.add(value);
      }
    }
    args.addAll(user);
    if (!userOptions.contains("-rf")) {
      args.add("-rf");
      args.add("json");
    }
    if (!userOptions.contains("-rff")) {
      args.add("-rff");
      args.add(json.toString());
    }
    return args;
  }

  private static String paramName(String assignment) {
    int eq = assignment.indexOf('=');
    return eq < 0 ? assignment : assignment.substring(0, eq);
  }

  // ---- the jar ----

  /**
   * The benchmarks jar to run: {@code given} if not null, else the built one, built first if
   * needed; null (after saying why) if building failed.
   *
   * @throws Missing if there is no such jar and no sources to build it from
   */
  public Path locate(Path given) {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new Missing("no benchmarks jar at " + given);
      }
      return given;
    }
    Path built = root.resolve(JAR);
    if (!Files.isRegularFile(root.resolve("bench/pom.xml"))) {
      if (Files.isRegularFile(built)) {
        return built;
      }
      throw new Missing("no benchmarks jar at " + built + " and no sources to build it; pass --jar FILE");
    }
    if (Files.isRegularFile(built) && !stale(root, built)) {
      return built;
    }
    status.accept("building " + JAR + " (missing or older than the sources; a minute or two)...");
    return build() ? built : null;
  }

  /** True if a pom, or a source or resource the jar is built from, is newer than {@code jar}. */
  public static boolean stale(Path root, Path jar) {
    try {
      FileTime built = Files.getLastModifiedTime(jar);
      List<Path> inputs = new ArrayList<>(List.of(root.resolve("pom.xml"), root.resolve("bench/pom.xml"),
          root.resolve("bench/src/main")));
      try (Stream<Path> modules = Files.list(root.resolve("modules"))) {
        modules
            .filter(m -> !m.getFileName().toString().equals("cli")) // not in the jar
            .forEach(m -> {
              inputs.add(m.resolve("pom.xml"));
              inputs.add(m.resolve("src/main"));
            });
      }
      for (Path input : inputs) {
        if (!Files.exists(input)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(input)) {
          if (files.filter(Files::isRegularFile).anyMatch(f -> modified(f).compareTo(built) > 0)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | UncheckedIOException e) {
      return true;
    }
  }

  private static FileTime modified(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean build() {
    Path log;
    try {
      log = Files.createTempFile("peerlab-bench-build", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a build log: " + e.getMessage(), e);
    }
    ProcessBuilder pb =
        new ProcessBuilder("mvn", "-B", "-DskipTests", "-pl", "bench", "-am", "package")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    try {
      Process build = pb.start();
      if (!build.waitFor(20, TimeUnit.MINUTES)) {
        build.descendants().forEach(ProcessHandle::destroy);
        build.destroy();
        status.accept("the build took over 20 minutes; stopped (log: " + log + ")");
        return false;
      }
      if (build.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> message = new ArrayList<>();
        message.add("the build failed; the last lines of its log (" + log + "):");
        message.addAll(lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        status.accept(String.join(System.lineSeparator(), message));
        return false;
      }
      Files.deleteIfExists(log);
      return true;
    } catch (IOException e) {
      status.accept("Maven (mvn) is needed to build " + JAR + " (" + e.getMessage()
          + "); install it, or pass --jar FILE");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- child JVMs ----

  /** Runs JMH from {@code jar} with {@code args} on this terminal; stops it past {@code limit}. */
  public int jmh(Path jar, List<String> args, Duration limit) {
    return runJava(List.of("-jar", jar.toString()), args, limit, null);
  }

  /** The summary table of JMH JSON result {@code files}, made by the jar's summary class. */
  public Summary summary(Path jar, List<String> files) {
    List<String> args = new ArrayList<>(List.of(SUMMARY_CLASS));
    args.addAll(files);
    StringBuilder table = new StringBuilder();
    int code = runJava(List.of("-cp", jar.toString()), args, Duration.ofMinutes(2), table);
    return new Summary(code, table.toString());
  }

  /**
   * Runs {@code java <javaArgs> <args>} with this terminal, or with its output captured into
   * {@code capture} when not null; returns 0, or 1 if it failed or passed {@code limit} (2 if a
   * captured child said its input was bad).
   */
  private int runJava(List<String> javaArgs, List<String> args, Duration limit, StringBuilder capture) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    if (capture == null) {
      pb.inheritIO();
    } else {
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    try {
      Process child = pb.start();
      if (capture != null) {
        try (InputStream in = child.getInputStream()) {
          capture.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        status.accept("the benchmarks passed their deadline (" + limit.toMinutes()
            + " min) and were stopped; use --deadline for longer runs");
        return FAILED;
      }
      int code = child.exitValue();
      if (code != 0) {
        return code == BAD_INPUT && capture != null ? BAD_INPUT : FAILED;
      }
      return OK;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start java: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }
}
