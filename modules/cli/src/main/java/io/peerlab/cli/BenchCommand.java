package io.peerlab.cli;

import io.peerlab.scenario.BenchJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  static final String JAR = BenchJar.JAR;

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
    BenchJar benchmarks = benchJar();
    Path benchJar = locateJar(benchmarks, jar);
    if (benchJar == null) {
      return Cli.RUN_FAILED;
    }
    if (jmhArgs.stream().anyMatch(INFO_OPTIONS::contains)) {
      return benchmarks.jmh(benchJar, jmhArgs, limit);
    }
    String userFormat = valueOf(jmhArgs, "-rf");
    String userFile = valueOf(jmhArgs, "-rff");
    Path dir = out != null ? out : OutputFolder.prepare(null, "bench", false);
    Path json = userFile != null ? Path.of(userFile) : dir.resolve("jmh.json");
    List<String> args = BenchJar.jmhArgs(profileArgs, jmhArgs, json);
    try {
      Files.createDirectories(json.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + json.getParent() + ": " + e.getMessage(), e);
    }
    parent.err.println("peerlab: java -jar " + benchJar + " " + String.join(" ", args)
        + "   (profile " + profile + ", deadline " + limit.toMinutes() + " min)");
    int code = benchmarks.jmh(benchJar, args, limit);
    if (code != Cli.OK) {
      return code;
    }
    if (userFormat != null && !userFormat.equalsIgnoreCase("json")) {
      return Cli.OK; // the user asked for another format: nothing to summarise
    }
    Path summary = json.resolveSibling("summary.md");
    int s = summarise(benchmarks, benchJar, List.of(json.toString()), summary);
    if (s == Cli.OK) {
      Path page = json.resolveSibling("bench.html");
      io.peerlab.scenario.BenchPage.write(readSummary(summary), "peerlab bench: " + json, page);
      parent.out.println("results: " + json + ", " + summary + ", " + page);
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
      BenchJar benchmarks = bench.benchJar();
      Path benchJar = bench.locateJar(benchmarks, bench.jar);
      if (benchJar == null) {
        return Cli.RUN_FAILED;
      }
      return bench.summarise(benchmarks, benchJar, files.stream().map(Path::toString).toList(), null);
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

  BenchJar benchJar() {
    return new BenchJar(projectRoot(), m -> parent.err.println("peerlab: " + m));
  }

  /** The benchmarks jar to run, built if needed; null (after saying why) if there is none. */
  private Path locateJar(BenchJar benchmarks, Path given) {
    try {
      return benchmarks.locate(given);
    } catch (BenchJar.Missing e) {
      throw bad(e.getMessage());
    }
  }

  private static String readSummary(Path summary) {
    try {
      return Files.readString(summary, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + summary + ": " + e.getMessage(), e);
    }
  }

  /** Prints the summary of {@code files}; also writes it to {@code to} when not null. */
  private int summarise(BenchJar benchmarks, Path benchJar, List<String> files, Path to) {
    BenchJar.Summary summary = benchmarks.summary(benchJar, files);
    parent.out.println();
    parent.out.print(summary.table());
    if (summary.code() == Cli.OK && to != null) {
      try {
        Files.writeString(to, summary.table(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
      }
    }
    return summary.code();
  }
}
