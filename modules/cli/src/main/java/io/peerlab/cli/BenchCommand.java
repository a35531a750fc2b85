package io.peerlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code peerlab bench}: run the JMH benchmarks of {@code bench/target/benchmarks.jar} (built
 * first if it is missing or older than the sources) with a quick or full profile, keep JMH's JSON
 * and print the summary table with each figure's ratio to its baseline.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Summary.class},
    description = {
      "Run the JMH benchmarks of bench/target/benchmarks.jar (built first if missing",
      "or older than the sources), keep JMH's JSON and print a summary table with",
      "each figure's ratio to its baseline. What each benchmark measures:",
      "bench/README.md.",
      "",
      "Arguments after these options go to JMH unchanged: benchmark regexps and JMH",
      "options (-p name=v1,v2 -f -i -t -prof gc ...); '-- -h' shows JMH's own help.",
      ""
    },
    footer = {
      "",
      "Profiles (a JMH option you give wins over the profile's):",
      "  quick  " + BenchCommand.QUICK_RUNS,
      "         " + BenchCommand.QUICK_PARAMS,
      "         (a few minutes on 2 cores)",
      "  full   the benchmarks' own settings: 2 forks, 3x2 s warm-up, 5x3 s",
      "         measured, every value of every @Param",
      "",
      "Examples:",
      "  peerlab bench",
      "  peerlab bench TopologyBench PekkoBaseline -p topology=client-server",
      "  peerlab bench --profile full --out results/bench-full",
      "  peerlab bench summary results/bench-20250101-120000/jmh.json",
      "",
      "Exit codes: 0 the benchmarks ran, 1 JMH or the build failed or the deadline",
      "passed, 2 bad input."
    })
final class BenchCommand implements Callable<Integer> {

  /** The quick profile's JMH options, each dropped if the user gives the same option. */
  static final String QUICK_RUNS = "-f 1 -wi 1 -w 500ms -i 3 -r 500ms";

  static final String QUICK_PARAMS = "-p peers=64 -p simPeers=1024 -p delayMicros=1000";

  static final List<String> QUICK = List.of((QUICK_RUNS + " " + QUICK_PARAMS).split(" "));

  /** JMH options that only print something; with them no profile, JSON or summary is added. */
  private static final Set<String> INFO_OPTIONS = Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

  static final String JAR = "bench/target/benchmarks.jar";
  static final String SUMMARY_CLASS = "io.peerlab.bench.BenchSummary";

  @ParentCommand PeerlabCommand parent;

  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "quick",
      description = "quick (default) or full; see below.")
  String profile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Folder for jmh.json and summary.md (default: results/bench-<timestamp>/).")
  Path out;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = "The benchmarks jar to run (default: " + JAR + ", rebuilt when stale).")
  Path jar;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      description = "Stop JMH after this long, e.g. 30m, 2h (default: 30m quick, 6h full).")
  String deadline;

  @Unmatched List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> profileArgs = profileArgs(profile);
    Duration limit = deadline != null ? parseDuration(deadline) : defaultDeadline(profile);
    Path benchJar = locateJar(jar, parent);
    if (benchJar == null) {
      return Cli.RUN_FAILED;
    }
    if (jmhArgs.stream().anyMatch(INFO_OPTIONS::contains)) {
      return runJava(List.of("-jar", benchJar.toString()), jmhArgs, limit, null);
    }
    String userFormat = valueOf(jmhArgs, "-rf");
    String userFile = valueOf(jmhArgs, "-rff");
    Path dir = out != null ? out : RunCommand.defaultOut("bench");
    Path json = userFile != null ? Path.of(userFile) : dir.resolve("jmh.json");
    List<String> args = jmhArgs(profileArgs, jmhArgs, json);
    try {
      Files.createDirectories(json.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + json.getParent() + ": " + e.getMessage(), e);
    }
    parent.err.println("peerlab: java -jar " + benchJar + " " + String.join(" ", args)
        + "   (profile " + profile + ", deadline " + limit.toMinutes() + " min)");
    int code = runJava(List.of("-jar", benchJar.toString()), args, limit, null);
    if (code != Cli.OK) {
      return code;
    }
    if (userFormat != null && !userFormat.equalsIgnoreCase("json")) {
      return Cli.OK; // the user asked for another format: nothing to summarise
    }
    Path summary = json.resolveSibling("summary.md");
    int s = summarise(benchJar, List.of(json.toString()), summary);
    if (s == Cli.OK) {
      parent.out.println("results: " + json + ", " + summary);
    }
    return s;
  }

  /** {@code peerlab bench summary}: the table of JMH JSON files, ratios to baselines included. */
  @Command(
      name = "summary",
      mixinStandardHelpOptions = true,
      description = {
        "Print JMH JSON results as a table with ratios to their baselines.",
        "",
        "The table is markdown; each figure (JMH's -rf json) gets its ratio to the",
        "baselines its benchmark names. Needs the benchmarks jar, built first if",
        "missing.",
        ""
      })
  static final class Summary implements Callable<Integer> {
    @ParentCommand BenchCommand bench;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "JMH JSON result files.")
    List<Path> files;

    @Override
    public Integer call() {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          bench.parent.err.println("peerlab: no such file: " + f);
          return Cli.BAD_INPUT;
        }
      }
      Path benchJar = bench.locateJar(bench.jar, bench.parent);
      if (benchJar == null) {
        return Cli.RUN_FAILED;
      }
      return bench.summarise(benchJar, files.stream().map(Path::toString).toList(), null);
    }
  }

  // ---- arguments ----

  /** A bad option value: one line naming it, exit code 2 (picocli's parameter handler). */
  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  List<String> profileArgs(String profile) {
    switch (profile) {
      case "quick":
        return QUICK;
      case "full":
        return List.of();
      default:
        throw bad("--profile must be quick or full, not '" + profile + "'");
    }
  }

  static Duration defaultDeadline(String profile) {
    return profile.equals("full") ? Duration.ofHours(6) : Duration.ofMinutes(30);
  }

  Duration parseDuration(String text) {
    try {
      com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseString("d = \"" + text + "\"");
      Duration d = c.getDuration("d");
      if (d.isNegative() || d.isZero()) {
        throw bad("--deadline must be positive, not '" + text + "'");
      }
      return d;
    } catch (com.typesafe.config.ConfigException e) {
      throw bad("--deadline must be a duration such as 30m or 2h, not '" + text + "'");
    }
  }

  /**
   * The JMH command line: the profile's options the user did not give, then the user's, then JSON
   * output to {@code json} unless the user chose a result format or file.
   */
  static List<String> jmhArgs(List<String> profile, List<String> user, Path json) {
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

  private static String valueOf(List<String> args, String option) {
    int i = args.lastIndexOf(option);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  // ---- the jar ----

  /** The project's root: the jar or classes folder of this command sits in modules/cli/target. */
  static Path projectRoot() {
    try {
      Path here = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return here.getParent().getParent().getParent().getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("").toAbsolutePath();
    }
  }

  /** The benchmarks jar to run, built if needed; null (after saying why) if there is none. */
  Path locateJar(Path given, PeerlabCommand p) {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw bad("no benchmarks jar at " + given);
      }
      return given;
    }
    Path root = projectRoot();
    Path built = root.resolve(JAR);
    if (!Files.isRegularFile(root.resolve("bench/pom.xml"))) {
      if (Files.isRegularFile(built)) {
        return built;
      }
      throw bad("no benchmarks jar at " + built + " and no sources to build it; pass --jar FILE");
    }
    if (Files.isRegularFile(built) && !stale(root, built)) {
      return built;
    }
    p.err.println("peerlab: building " + JAR + " (missing or older than the sources; a minute or two)...");
    return build(root, p) ? built : null;
  }

  /** True if a pom, or a source or resource the jar is built from, is newer than {@code jar}. */
  static boolean stale(Path root, Path jar) {
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

  private static boolean build(Path root, PeerlabCommand p) {
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
        p.err.println("peerlab: the build took over 20 minutes; stopped (log: " + log + ")");
        return false;
      }
      if (build.exitValue() != 0) {
        p.err.println("peerlab: the build failed; the last lines of its log (" + log + "):");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(p.err::println);
        return false;
      }
      Files.deleteIfExists(log);
      return true;
    } catch (IOException e) {
      p.err.println("peerlab: Maven (mvn) is needed to build " + JAR + " (" + e.getMessage()
          + "); install it, or pass --jar FILE");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- child JVMs ----

  /**
   * Runs {@code java <javaArgs> <args>} with this terminal, or with its output captured into
   * {@code capture} when not null; returns 0, or 1 if it failed or passed {@code limit}.
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
        parent.err.println("peerlab: the benchmarks passed their deadline (" + limit.toMinutes()
            + " min) and were stopped; use --deadline for longer runs");
        return Cli.RUN_FAILED;
      }
      int code = child.exitValue();
      if (code != 0) {
        return code == Cli.BAD_INPUT && capture != null ? Cli.BAD_INPUT : Cli.RUN_FAILED;
      }
      return Cli.OK;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start java: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Cli.RUN_FAILED;
    }
  }

  /** Prints the summary of {@code files}; also writes it to {@code to} when not null. */
  int summarise(Path benchJar, List<String> files, Path to) {
    List<String> args = new ArrayList<>(List.of(SUMMARY_CLASS));
    args.addAll(files);
    StringBuilder table = new StringBuilder();
    int code = runJava(List.of("-cp", benchJar.toString()), args, Duration.ofMinutes(2), table);
    parent.out.println();
    parent.out.print(table);
    if (code == Cli.OK && to != null) {
      try {
        Files.writeString(to, table.toString(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
      }
    }
    return code;
  }
}
