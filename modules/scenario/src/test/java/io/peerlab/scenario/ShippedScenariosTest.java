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
 * `with` values, and the run stopped with exit code 2 before it began).
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
