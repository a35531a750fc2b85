package io.peerlab.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code peerlab run}'s command line read without picocli, when it is plain: {@code run}, one
 * scenario file, and only {@link RunCommand}'s own options, each written {@code --name value} (or
 * a bare flag), single-valued ones once. Anything else (help, a version, an unknown or repeated
 * option, {@code --name=value}, {@code --}, an {@code @file}, a value that starts with '-' or a
 * {@code --nodes} that is not a plain integer) gives null, and picocli reads the line as before:
 * with its help, its error messages and its exit codes.
 *
 * <p>Why: picocli builds its model of a command by reflection over its annotations. For {@code
 * run} alone that took 0.13 s of a 1,000-peer Chord sim run's main thread (0.07 s in a JVM doing
 * nothing else), before the scenario could be read; without it the main thread reaches the
 * scenario at about 0.015 s and the whole process ends about 0.04 s sooner (bench/README.md,
 * "Performance at scale", fifth session). What a plain line sets here is what picocli sets ({@code
 * RunArgsTest} compares the two on every option and on 4,000 random lines).
 */
final class RunArgs {
  private RunArgs() {}

  /** The options that take one value, each at most once. */
  private static final Set<String> SINGLE = Set.of("--runtime", "--nodes", "--tls", "--out");
  /** The options that take one value and may repeat. */
  private static final Set<String> REPEATED = Set.of("--set", "--sweep", "--seed-node", "--plugin");
  /** The options whose value is a path. */
  private static final Set<String> PATHS = Set.of("--plugin", "--tls", "--out");
  /** The flags, each at most once. */
  private static final Set<String> FLAGS = Set.of("--force", "--quiet", "--trace", "--no-report");

  /** The command {@code args} stand for, its fields set as picocli would set them; null: not plain. */
  static RunCommand parse(String[] args) {
    if (args.length < 2 || !args[0].equals("run")) {
      return null;
    }
    RunCommand c = new RunCommand();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        if (c.scenario != null || a.startsWith("@")) {
          return null; // a second positional, or an argument file: picocli says what it makes of it
        }
        c.scenario = path(a);
        if (c.scenario == null) {
          return null; // not a path: picocli's conversion and its message
        }
      } else if (FLAGS.contains(a)) {
        if (!seen.add(a)) {
          return null;
        }
        switch (a) {
          case "--force" -> c.force = true;
          case "--quiet" -> c.quiet = true;
          case "--trace" -> c.trace = true;
          default -> c.noReport = true;
        }
      } else if (SINGLE.contains(a) || REPEATED.contains(a)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("-") || (SINGLE.contains(a) && !seen.add(a))) {
          return null;
        }
        String v = args[++i];
        Path p = PATHS.contains(a) ? path(v) : null;
        if (PATHS.contains(a) && p == null) {
          return null; // not a path: picocli's conversion and its message
        }
        switch (a) {
          case "--set" -> c.overrides.add(v);
          case "--sweep" -> c.sweeps.add(v);
          case "--seed-node" -> c.seedNodes.add(v);
          case "--plugin" -> c.plugins.paths.add(p);
          case "--runtime" -> c.runtime = v;
          case "--tls" -> c.tls = p;
          case "--out" -> c.out = p;
          default -> {
            if (!v.matches("[0-9]{1,9}")) {
              return null; // picocli's conversion and its message
            }
            c.nodes = Integer.valueOf(v);
          }
        }
      } else {
        return null; // -h, --help, -V, --name=value, --, an unknown option
      }
    }
    return c.scenario != null ? c : null;
  }

  /** Every option name read here (RunArgsTest checks they are all of {@code run}'s but help's). */
  static Set<String> names() {
    Set<String> all = new HashSet<>(SINGLE);
    all.addAll(REPEATED);
    all.addAll(FLAGS);
    return all;
  }

  /** {@code v} as a path; null when it is none (picocli's conversion and its message). */
  private static Path path(String v) {
    try {
      return Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }
}
