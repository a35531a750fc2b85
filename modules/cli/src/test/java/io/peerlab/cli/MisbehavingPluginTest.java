package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plugins that misbehave (src/test/plugins/misbehaving, built into a temp jar): the run ends by its
 * deadline, the ops fail with plugin-error or timeout, a note names the plugin class and the first
 * error, and peerlab exits with 1 rather than crashing.
 */
class MisbehavingPluginTest {
  @TempDir static Path dir;
  static Path jar;
  static Path scenario;

  @BeforeAll
  static void buildPlugin() throws IOException {
    jar = PluginJar.build("misbehaving", dir);
    scenario = dir.resolve("bad.conf");
    Files.writeString(
        scenario,
        """
        peerlab {
          name = misbehaving
          peers = 16
          servers = 0
          deadline = 30s
          workload { clients = 4, ops = 20, warmup-ops = 0, op-timeout = 300ms,
                     mix { lookup = 1, search = 0, fetch = 0 } }
        }
        """);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "throws,        sim,   plugin-error, org.example.misbehaving.Misbehaving$Throws threw java.lang.IllegalStateException: boom in lookup",
    "throws,        local, plugin-error, org.example.misbehaving.Misbehaving$Throws threw java.lang.IllegalStateException: boom in lookup",
    "never-answers, sim,   timeout,      ",
    "never-answers, local, timeout,      ",
    "sends-nowhere, sim,   plugin-error, to peer 23, which does not exist (addresses 0..15)",
    "sends-nowhere, local, plugin-error, to peer 23, which does not exist (addresses 0..15)",
    "floods,        sim,   ,             flood: more than 2000000 messages and timers queued at once (the last message sent: org.example.misbehaving.Misbehaving$Spam",
    // On local the actors' speed bounds the flood below the scheduler's limit on 2 cores: its ops
    // time out and the run ends by itself.
    "floods,        local, timeout,      ",
  })
  void misbehavingPlugin_endsTheRun_failsItsOps_namesTheClass(
      String topology, String runtime, String reason, String note) throws IOException {
    Path out = dir.resolve(topology + "-" + runtime);
    // Unlimited links: a flood then multiplies with every hop instead of queueing on the uplinks.
    Result r = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", runtime,
        "--set", "topologies=[" + topology + "]", "--set", "network.peer-upload=unlimited",
        "--set", "network.peer-download=unlimited", "--quiet", "--out", out.toString());
    JsonNode run = new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/runs/0");
    String json = run.toString();
    if (reason != null) {
      assertThat(json).as(json).contains("\"" + reason + "\"");
    }
    if (note != null) {
      assertThat(r.code()).as(r.err()).isEqualTo(Cli.RUN_FAILED);
      assertThat(json).contains(note.replace("\"", "\\\""));
    }
    assertThat(r.err()).doesNotContain("internal error", "\tat ");
  }
}
