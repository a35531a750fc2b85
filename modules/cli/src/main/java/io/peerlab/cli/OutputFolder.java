package io.peerlab.cli;

import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The folder a run writes into, made and checked before anything runs: a bad {@code --out} is bad
 * input (exit 2) at once, not an error after the whole run. The default folder,
 * {@code results/<scenario>-<yyyyMMdd-HHmmss>}, is claimed with an atomic create, taking the next
 * free suffix ({@code -2}, {@code -3}, ...) when another run holds it, so two runs never share one.
 * A folder that already holds results is written onto only with {@code --force}.
 */
final class OutputFolder {
  private OutputFolder() {}

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** {@code out} made ready, or a fresh folder under {@code results/}; a ScenarioException if not usable. */
  static Path prepare(Path out, String scenario, boolean force) {
    if (out == null) {
      return fresh(Path.of("results"), scenario, LocalDateTime.now());
    }
    String shown = out.toString();
    if (shown.isBlank()) {
      throw new ScenarioException("--out: empty folder name; give a folder, e.g. --out results/run1");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ScenarioException("--out '" + shown + "': is a file, not a folder");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException | SecurityException e) {
      throw new ScenarioException("--out '" + shown + "': cannot create the folder (" + reason(e) + ")");
    }
    if (!force && Files.exists(out.resolve(ResultsWriter.JSON))) {
      throw new ScenarioException("--out '" + shown + "': already holds results (results.json);"
          + " add --force to replace them, or choose another folder");
    }
    checkWritable(out, shown);
    return out;
  }

  /**
   * Claims {@code parent/<scenario>-<stamp>} or the first free {@code -2}, {@code -3}, ... beside
   * it; {@code Files.createDirectory} fails when the folder exists, so two runs racing for one
   * name get two folders.
   */
  static Path fresh(Path parent, String scenario, LocalDateTime now) {
    String base = scenario + "-" + now.format(STAMP);
    try {
      Files.createDirectories(parent);
    } catch (IOException | SecurityException e) {
      throw new ScenarioException("cannot create the results folder '" + parent + "' (" + reason(e)
          + "); choose one with --out DIR");
    }
    for (int i = 1; ; i++) {
      Path p = parent.resolve(i == 1 ? base : base + "-" + i);
      try {
        Files.createDirectory(p);
        checkWritable(p, p.toString());
        return p;
      } catch (FileAlreadyExistsException e) {
        // taken by an earlier run, or one started in the same second: try the next suffix
      } catch (IOException | SecurityException e) {
        throw new ScenarioException("cannot create the results folder '" + p + "' (" + reason(e)
            + "); choose one with --out DIR");
      }
    }
  }

  /** Writes and deletes a probe file: permissions, read-only mounts and full quotas all show here. */
  private static void checkWritable(Path dir, String shown) {
    try {
      Path probe = Files.createTempFile(dir, ".peerlab-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ScenarioException("--out '" + shown + "': cannot write there (" + reason(e) + ")");
    }
  }

  /** Why a file operation failed, in a few words: "permission denied", "not a directory". */
  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason().toLowerCase(Locale.ROOT);
    }
    // NoSuchFileException -> "no such file", ReadOnlyFileSystemException -> "read only file system"
    String name = e.getClass().getSimpleName().replace("Exception", "")
        .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).trim();
    return name.isEmpty() ? "i/o error" : name;
  }
}
