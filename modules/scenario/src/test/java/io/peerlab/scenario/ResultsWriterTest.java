package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerlab.core.metrics.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsWriterTest {

  @Test
  void aRewrittenReport_reusesItsRunsTrees_andWritesWhatAFreshConversionWrites() throws Exception {
    ScenarioReport report = new ScenarioRunner().run(ScenarioRunnerTest.small("sim"));
    assertThat(report.runs()).hasSizeGreaterThan(1);
    String first = ResultsWriter.json(report);
    // What the writer did before runs were cached: the whole report converted at once.
    ObjectNode whole = ResultsWriter.mapper().valueToTree(report);
    JsonNode written = ResultsWriter.mapper().readTree(first);
    assertThat(written.get("runs").size()).isEqualTo(report.runs().size());
    for (int i = 0; i < report.runs().size(); i++) {
      RunResult r = report.runs().get(i);
      assertThat(r.figures().ops().values()).allSatisfy(o -> assertThat(o.ok()).isPositive());
      assertThat(written.get("runs").get(i)).isEqualTo(whole.get("runs").get(i)); // no null-ing here
    }
    assertThat(((ObjectNode) written.deepCopy()).without("runs")).isEqualTo(whole.deepCopy().without("runs"));
    assertThat(first.indexOf("\"runs\"")).isGreaterThan(first.indexOf("\"config\"")); // still last

    // The end of the run: the same runs, another status; then a report with one run more.
    assertThat(ResultsWriter.json(report)).isEqualTo(first);
    String done = ResultsWriter.json(report.withStatus(ScenarioReport.INTERRUPTED));
    assertThat(done).isEqualTo(first.replace("\"status\" : \"complete\"", "\"status\" : \"interrupted\""));
    ScenarioReport fewer = report.withRuns(List.of(report.runs().get(0)));
    assertThat(ResultsWriter.mapper().readTree(ResultsWriter.json(fewer)).get("runs").get(0))
        .isEqualTo(whole.get("runs").get(0));
  }
}
