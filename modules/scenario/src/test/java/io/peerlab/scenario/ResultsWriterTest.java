package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsWriterTest {

  @Test
  void aRewrittenReport_reusesItsRunsTrees_andWritesWhatAFreshConversionWrites() throws Exception {
    ScenarioReport report = new ScenarioRunner().run(ScenarioRunnerTest.small("sim"));
    assertThat(report.runs()).hasSizeGreaterThan(1);
    String first = ResultsWriter.json(report);
    // What the writer did before runs were cached and before ResultsJson: the whole report
    // converted at once by Jackson's data binding. The same text, byte for byte.
    ObjectNode whole = JacksonResults.tree(report);
    assertThat(first).isEqualTo(JacksonResults.text(whole));

    // The end of the run: the same runs, another status; and a report of the first run alone.
    assertThat(ResultsWriter.json(report)).isEqualTo(first);
    String done = ResultsWriter.json(report.withStatus(ScenarioReport.INTERRUPTED));
    assertThat(done).isEqualTo(first.replace("\"status\" : \"complete\"", "\"status\" : \"interrupted\""));
    ScenarioReport fewer = report.withRuns(List.of(report.runs().get(0)));
    ObjectNode one = whole.deepCopy();
    one.set("runs", one.arrayNode().add(whole.get("runs").get(0)));
    assertThat(ResultsWriter.json(fewer)).isEqualTo(JacksonResults.text(one));
  }
}
