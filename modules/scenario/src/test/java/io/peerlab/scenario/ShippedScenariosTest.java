package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario shipped in config/scenarios loads, with its sweep, as `peerlab run FILE` would
 * read it: churn-kad.conf did not (its one-point sweep kept churn.conf's two-point sweep's
 * `with` values, and the run stopped with exit code 2 before it began). And the shipped scenarios
 * no other test runs run to their end on sim: once it loaded, churn-kad.conf's every topology hit
 * the deadline (a measured phase of an hour in a deadline of half one).
 */
class ShippedScenariosTest {
  private static final Path SCENARIOS = Path.of("../../config/scenarios");

  static Stream<Path> shipped() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertThat(files).as("scenarios in %s", SCENARIOS.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(10);
    return files.stream();
  }

  /** The shipped scenarios that no other test runs (about 35 s together on 2 cores). */
  static Stream<String> runNowhereElse() {
    return Stream.of("adversary", "churn", "churn-kad", "churn-exponential");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runNowhereElse")
  void runsToItsEnd_onSim(String name) {
    SweepPlan plan = ScenarioLoader.plan(SCENARIOS.resolve(name + ".conf"), List.of("runtime=sim"), List.of());
    ScenarioReport report = new ScenarioRunner().run(plan);
    assertThat(report.status()).as(name).isEqualTo(ScenarioReport.COMPLETE);
    int topologies = plan.steps().stream().mapToInt(st -> st.spec().topologies().size()).sum();
    assertThat(report.runs()).as(name).hasSize(topologies);
    for (var r : report.runs()) {
      assertThat(r.timing().deadlineHit()).as("%s %s: deadline", name, r.identity().topology()).isFalse();
      assertThat(r.health().errors()).as("%s %s: errors %s", name, r.identity().topology(), r.health().notes())
          .isZero();
    }
    assertThat(report.ok()).as(name).isTrue();
    // results.json as Jackson's data binding wrote it (ResultsJson): churn, adversary, timelines
    assertThat(ResultsWriter.json(report)).as(name).isEqualTo(JacksonResults.json(report));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void loads(Path file) {
    assertThatCode(() -> {
      SweepPlan plan = ScenarioLoader.plan(file, List.of(), List.of());
      assertThat(plan.steps()).isNotEmpty();
      assertThat(plan.base().topologies()).isNotEmpty();
    }).as(file.toString()).doesNotThrowAnyException();
  }
}
