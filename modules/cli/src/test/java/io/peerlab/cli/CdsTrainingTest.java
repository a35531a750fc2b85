package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/cds-training.conf, the run the launcher adds to its class-data-sharing archive: it must
 * stay a valid scenario that runs every topology, with and without the structured overlays' warm
 * start, to its end (the launcher runs it silently and, should it fail, dumps the archive from the
 * user's run alone, so a key renamed under it would only show as a slower start).
 */
class CdsTrainingTest {
  static final String TRAINING = "../../scripts/cds-training.conf";

  @Test
  void trainingRun_runsEveryTopologyBothWarmAndCold_toItsEnd(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    CliTest.Result r = CliTest.run("run", TRAINING, "--quiet", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode runs = new ObjectMapper().readTree(Files.readString(out.resolve("results.json"))).get("runs");
    Set<String> topologies = new TreeSet<>();
    List<String> warmStarts = new ArrayList<>();
    for (JsonNode run : runs) {
      topologies.add(run.get("topology").asText());
      assertThat(run.get("deadlineHit").asBoolean()).as(run.get("topology").asText()).isFalse();
      for (String op : List.of("lookup", "search", "fetch")) {
        assertThat(run.get("ops").get(op).get("ok").asLong()).as(run.get("topology") + " " + op).isPositive();
      }
      if (run.get("topology").asText().equals("chord")) {
        warmStarts.add(run.get("sweep").get("chord.warm-start").asText());
      }
    }
    assertThat(topologies).containsExactlyInAnyOrder(
        "client-server", "central-index", "super-peer", "flooding", "random-walk", "chord", "kademlia");
    assertThat(warmStarts).containsExactlyInAnyOrder("false", "true");
    assertThat(out.resolve("report.html")).exists();
  }
}
