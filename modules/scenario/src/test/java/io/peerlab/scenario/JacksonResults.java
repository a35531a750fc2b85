package io.peerlab.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerlab.core.metrics.RunResult;

/**
 * The oracle for {@link ResultsJson}: results.json as Jackson's data binding wrote it before
 * (ObjectMapper with INDENT_OUTPUT, NON_NULL, RunResult's groups unwrapped and its intervals
 * ignored), so that tests can check the hand-off, byte for byte, on real runs.
 */
final class JacksonResults {
  private JacksonResults() {}

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .addMixIn(RunResult.class, FlatRunResult.class);

  private abstract static class FlatRunResult {
    @JsonUnwrapped
    abstract RunResult.Identity identity();

    @JsonUnwrapped
    abstract RunResult.Timing timing();

    @JsonUnwrapped
    abstract RunResult.Figures figures();

    @JsonUnwrapped
    abstract RunResult.Health health();

    @JsonIgnore
    abstract Object intervals();
  }

  /** The whole report converted by Jackson, with the same nulls for figures without samples. */
  static ObjectNode tree(ScenarioReport report) {
    ObjectNode whole = MAPPER.valueToTree(report);
    for (int i = 0; i < report.runs().size(); i++) {
      ResultsWriter.noSamplesAsNull(report.runs().get(i), (ObjectNode) whole.get("runs").get(i));
    }
    return whole;
  }

  /** results.json's text as Jackson writes {@code tree}. */
  static String text(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** results.json's text as Jackson's data binding made it of {@code report}. */
  static String json(ScenarioReport report) {
    return text(tree(report));
  }
}
