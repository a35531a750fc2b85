package io.peerlab.scenario;

import io.peerlab.core.churn.ChurnSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a churn trace ({@code peerlab.churn.trace}): a CSV file of {@code time,peer,up|down}
 * lines, time a duration after churn starts ({@code 90s}, {@code 1.5m}) or a bare number of
 * seconds. Blank lines and lines starting with {@code #} are skipped, and so is a first line
 * {@code time,peer,state}. A relative path is looked up in the working folder, then beside the
 * scenario file. Every problem is one line naming the key, the file and the line.
 */
final class ChurnTrace {
  private ChurnTrace() {}

  /** At most this many lines: a trace is read whole into memory. */
  static final int MAX_LINES = 10_000_000;

  static List<ChurnSettings.TraceEntry> read(String key, String file, String source, int peers) {
    Path path = locate(file, source);
    if (path == null) {
      throw ScenarioException.key(key, "file " + file + " not found (looked in the working folder"
          + (source == null ? "" : " and beside " + source) + ")");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ScenarioException.key(key, "cannot read " + path + " as UTF-8 text");
    }
    if (lines.size() > MAX_LINES) {
      throw ScenarioException.key(key, path + " has more than " + MAX_LINES + " lines");
    }
    List<ChurnSettings.TraceEntry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("time"))) {
        continue;
      }
      String[] f = line.split("\\s*,\\s*");
      String where = path.getFileName() + " line " + (i + 1);
      if (f.length != 3) {
        throw ScenarioException.key(key, where + ": expected time,peer,up|down");
      }
      long at = time(key, where, f[0]);
      int peer;
      try {
        peer = Integer.parseInt(f[1]);
      } catch (NumberFormatException e) {
        throw ScenarioException.key(key, where + ": peer must be a whole number");
      }
      if (peer < 0 || peer >= peers) {
        throw ScenarioException.key(
            key, where + ": peer must be in 0.." + (peers - 1) + ", got " + peer);
      }
      boolean up;
      if (f[2].equalsIgnoreCase("up")) {
        up = true;
      } else if (f[2].equalsIgnoreCase("down")) {
        up = false;
      } else {
        throw ScenarioException.key(key, where + ": state must be up or down");
      }
      out.add(new ChurnSettings.TraceEntry(at, peer, up));
    }
    return out;
  }

  private static long time(String key, String where, String s) {
    try {
      double seconds = Double.parseDouble(s);
      if (seconds >= 0 && seconds < 1e9) {
        return (long) (seconds * 1e9);
      }
    } catch (NumberFormatException ignored) {
      // a duration with a unit
    }
    try {
      Duration d =
          com.typesafe.config.ConfigFactory.parseString("t = " + s).getDuration("t");
      if (!d.isNegative()) {
        return d.toNanos();
      }
    } catch (com.typesafe.config.ConfigException e) {
      // reported below
    }
    throw ScenarioException.key(key, where + ": time must be seconds or a duration >= 0 such as 90s");
  }

  private static Path locate(String file, String source) {
    Path p = Path.of(file);
    if (Files.isRegularFile(p)) {
      return p;
    }
    if (!p.isAbsolute() && source != null) {
      Path parent = Path.of(source).toAbsolutePath().getParent();
      if (parent != null && Files.isRegularFile(parent.resolve(file))) {
        return parent.resolve(file);
      }
    }
    return null;
  }
}
