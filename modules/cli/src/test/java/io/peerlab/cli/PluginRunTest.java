package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerlab.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plugin built during the test (the one-hop overlay, compiled into a temp jar that is not on the
 * class path) is loaded with --plugin, named in a scenario and run through the real CLI
 * entry point beside Chord.
 */
class PluginRunTest {
  @TempDir static Path dir;
  static Path jar;
  static Path scenario;

  @BeforeAll
  static void buildPlugin() throws IOException {
    // The overlay's sources are the tutorial's (docs/extending.md), compiled and tested with the
    // testkit in modules/testkit; its META-INF/services and reference.conf are here.
    jar = PluginJar.build("one-hop", dir, Path.of("../testkit/src/test/java/org/example/onehop"));
    scenario = dir.resolve("one-hop.conf");
    Files.writeString(
        scenario,
        """
        peerlab {
          name = one-hop-vs-chord
          topologies = [one-hop, chord]
          peers = 32
          servers = 0
          deadline = 60s
          workload { clients = 8, ops = 160, warmup-ops = 0, mix { lookup = 1, search = 0, fetch = 0 } }
          one-hop.replicas = 2
        }
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim", "local"})
  void pluginTopology_runsBesideChord_throughTheCli(String runtime) throws IOException {
    Path out = dir.resolve("out-" + runtime);
    // Chord's ring warm-starts: its join and settle time say nothing about loading a plugin.
    Result r = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", runtime,
        "--quiet", "--set", "chord.warm-start=true", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("one-hop", "chord");
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.at("/config/one-hop/replicas").asInt()).isEqualTo(2);
    JsonNode oneHop = json.at("/runs/0");
    assertThat(oneHop.toString()).contains("\"one-hop\"");
    assertThat(r.out()).contains("160 / 0         160 / 0");
  }

  @Test
  void withoutThePlugin_itsKeysAndTopologyAreUnknown_exit2() {
    Result keys = CliTest.run("run", scenario.toString(), "--runtime", "sim", "--quiet");
    assertThat(keys.code()).isEqualTo(2);
    assertThat(keys.err().trim())
        .isEqualTo("peerlab: key 'peerlab.one-hop.replicas': unknown key: no loaded topology or strategy has"
            + " a section 'one-hop' (a plugin's keys need its jar: --plugin PATH, or plugins/ beside the scenario)");
    Result topology = CliTest.run("run", scenario.toString(), "--runtime", "sim", "--quiet",
        "--set", "topologies=[chord, one-hop]", "--set", "peerlab.one-hop=null");
    assertThat(topology.code()).isEqualTo(2);
    assertThat(topology.err().trim())
        .startsWith("peerlab: key 'peerlab.topologies': unknown topology 'one-hop'; use client-server,")
        .endsWith("(or load a plugin with --plugin)");
  }

  @Test
  void jarsInPluginsBesideTheScenario_loadWithoutAnOption() throws IOException {
    Path project = Files.createDirectories(dir.resolve("project/plugins"));
    Files.copy(jar, project.resolve("one-hop.jar"));
    Path beside = Files.copy(scenario, project.getParent().resolve("one-hop.conf"));
    Result r = CliTest.run("run", beside.toString(), "--runtime", "sim", "--quiet",
        "--set", "topologies=[one-hop]", "--out", dir.resolve("out-beside").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("one-hop", "160 / 0");
  }

  @Test
  void clusterDemo_everyNodeLoadsThePlugin_andRunsIt() throws IOException {
    Path out = dir.resolve("out-cluster");
    Result r = CliTest.run("cluster-demo", "--nodes", "2", scenario.toString(), "--plugin", jar.toString(),
        "--quiet", "--out", out.toString(), "--set", "topologies=[one-hop]", "--set", "cluster.join-timeout=120s",
        "--node-java-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("one-hop", "160 / 0");
    JsonNode run = new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/runs/0");
    assertThat(run.get("members")).hasSize(2);
  }

  @Test
  void aNodeWithoutThePlugin_failsTheRunBeforeItStarts_withOneLineNamingIt() throws IOException {
    try (NodeJvms node = new NodeJvms(1, dir.resolve("bare-node"), "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
        false, java.util.List.of(), System.err)) {
      Path out = dir.resolve("out-bare");
      Result r = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", "cluster",
          "--seed-node", node.seed(), "--nodes", "1", "--set", "topologies=[one-hop]",
          "--set", "cluster.join-timeout=120s", "--quiet", "--out", out.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(Cli.RUN_FAILED);
      String json = new ObjectMapper().readTree(out.resolve("results.json").toFile()).at("/runs/0").toString();
      assertThat(json).contains("this node has no topology 'one-hop': start every node with the same --plugin");
    }
  }

  @Test
  void topologiesCommand_listsBuiltInAndPluginPartsWithTheirKeys() {
    Result r = CliTest.run("topologies", "--plugin", jar.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("topology chord  (io.peerlab.core.overlay.chord.Chord)", "peerlab.chord.successors = ")
        .contains("transfer swarm", "peerlab.swarm.upload-slots = ")
        .contains("topology one-hop  (org.example.onehop.OneHop)",
            "full membership: a lookup asks the key's successor directly",
            "peerlab.one-hop.replicas = 1    # How many successors of a key a lookup returns");
    assertThat(CliTest.run("topologies").out()).contains("topology kademlia").doesNotContain("one-hop");
  }

  @Test
  void pluginKeys_areValidatedLikeBuiltInOnes() {
    Result typo = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", "sim",
        "--quiet", "--set", "one-hop.replica=2");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err().trim())
        .isEqualTo("peerlab: key 'peerlab.one-hop.replica': unknown key; did you mean 'peerlab.one-hop.replicas'?"
            + " (every key is listed in docs/scenarios.md)");
    Result range = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", "sim",
        "--quiet", "--set", "one-hop.replicas=0");
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err().trim())
        .isEqualTo("peerlab: key 'peerlab.one-hop.replicas': must be a whole number >= 1, got 0");
    Result type = CliTest.run("run", scenario.toString(), "--plugin", jar.toString(), "--runtime", "sim",
        "--quiet", "--set", "one-hop.replicas=many");
    assertThat(type.code()).isEqualTo(2);
    assertThat(type.err().trim())
        .isEqualTo("peerlab: key 'peerlab.one-hop.replicas': expected a whole number, got \"many\"");
  }
}
