package io.peerlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A results folder as the report sees it: its results.json read as a JSON tree, the contract of
 * docs/results.md, never through the Java types that wrote it. Fields the report does not know are
 * ignored; fields a newer or older writer left out read as absent.
 *
 * @param dir the folder
 * @param label how the report names this folder ("A", "B"), or "" when it is the only one
 * @param root the parsed results.json
 * @param runs one per topology, in the file's order
 */
public record Results(Path dir, String label, JsonNode root, List<Run> runs) {
  /** Made on first read: {@code peerlab run} gives its tree ({@link #of}) and never needs one. */
  private static final class Reader {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  public Results {
    runs = List.copyOf(runs);
  }

  /** Reads {@code dir/results.json}; a missing or malformed file is bad input (exit code 2). */
  public static Results read(Path dir) {
    Path file = dir.resolve(ResultsWriter.JSON);
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException("no " + ResultsWriter.JSON + " in '" + dir + "': give a folder that peerlab run wrote");
    }
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ScenarioException("'" + file + "' is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return of(dir, root);
  }

  /**
   * The results of {@code dir} from the tree that was just written to its results.json (what
   * {@code peerlab run} does: reading back a file of 10^5 peers' loads would parse a megabyte it
   * already holds).
   */
  public static Results of(Path dir, JsonNode root) {
    Path file = dir.resolve(ResultsWriter.JSON);
    if (!root.path("runs").isArray()) {
      throw new ScenarioException("'" + file + "' has no 'runs' array: not a peerlab results file");
    }
    List<Run> runs = new ArrayList<>();
    root.path("runs").forEach(r -> runs.add(new Run(r)));
    return new Results(dir, "", root, runs);
  }

  public Results labelled(String newLabel) {
    return new Results(dir, newLabel, root, runs);
  }

  public String scenario() {
    return root.path("scenario").asText("?");
  }

  public String runtime() {
    return root.path("runtime").asText("?");
  }

  public JsonNode config() {
    return root.path("config");
  }

  /** "quickstart · runtime sim · 64 peers · seed 42 · transfer single-source", as the CLI's table heads. */
  public String headline() {
    StringBuilder sb = new StringBuilder(scenario()).append(" · runtime ").append(runtime());
    if (!runs.isEmpty()) {
      sb.append(" · ").append(runs.get(0).peers()).append(" peers");
    }
    sb.append(" · seed ").append(root.path("seed").asText("?"));
    if (!runs.isEmpty()) {
      sb.append(" · transfer ").append(runs.get(0).transfer());
    }
    return sb.toString();
  }

  /** When, with what and on what it ran: startedAt, peerlabVersion and machine. */
  public String provenance() {
    JsonNode m = root.path("machine");
    return "started " + root.path("startedAt").asText("?") + " · peerlab " + root.path("peerlabVersion").asText("?")
        + " · " + m.path("cores").asText("?") + " cores, " + m.path("java").asText("?") + ", "
        + m.path("os").asText("?");
  }

  /** The run's name in plots and tables: its topology, with this folder's label when there is one. */
  public String name(Run run) {
    String point = run.sweepPoint();
    String name = point.isEmpty() ? run.topology() : run.topology() + " · " + point;
    return label.isEmpty() ? name : name + " · " + label;
  }
}
