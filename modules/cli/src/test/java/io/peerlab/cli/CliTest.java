package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final String QUICKSTART = "../../config/scenarios/quickstart.conf";

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_explainsTheCommandAndEveryRunOption() {
    Result top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("Usage: peerlab", "run", "Exit codes", "  3    out of memory", "  143  stopped by SIGTERM");
    Result sub = run("run", "--help");
    assertThat(sub.code()).isZero();
    assertThat(sub.out()).contains("SCENARIO", "--set", "--runtime", "--out", "--quiet", "sim", "local");
    assertThat(run("--version").out()).contains("peerlab");
  }

  @Test
  void run_parsedWithoutTheOtherSubcommands_helpsAndComplainsAsWithThem() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    picocli.CommandLine whole = new picocli.CommandLine(new PeerlabCommand(sink, sink));
    picocli.CommandLine runOnly = Cli.commandLine(new String[] {"run"}, new PeerlabCommand(sink, sink));
    assertThat(runOnly.getSubcommands()).containsOnlyKeys("run");
    assertThat(whole.getSubcommands()).containsKey("node").containsKey("run");
    picocli.CommandLine.Model.CommandSpec a = whole.getSubcommands().get("run").getCommandSpec();
    picocli.CommandLine.Model.CommandSpec b = runOnly.getSubcommands().get("run").getCommandSpec();
    assertThat(b.qualifiedName()).isEqualTo(a.qualifiedName()).isEqualTo("peerlab run");
    assertThat(runOnly.getSubcommands().get("run").getUsageMessage())
        .isEqualTo(whole.getSubcommands().get("run").getUsageMessage());
    assertThat(run("run", QUICKSTART, "--frobnicate").err())
        .isEqualTo("peerlab: Unknown option: '--frobnicate'" + System.lineSeparator()
            + "peerlab: see 'peerlab run --help'" + System.lineSeparator());
  }

  @Test
  void badInput_exitsWith2_andOneLine_noStackTrace(@TempDir Path dir) {
    Result unknownOption = run("run", QUICKSTART, "--frobnicate");
    assertThat(unknownOption.code()).isEqualTo(2);
    assertThat(unknownOption.err()).contains("Unknown option: '--frobnicate'");

    Result missing = run("run", dir.resolve("nope.conf").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("peerlab: cannot read scenario file").doesNotContain("\tat ");
    assertThat(missing.err().lines().count()).isEqualTo(1);

    Result badKey = run("run", QUICKSTART, "--set", "workload.opz=3", "--out", dir.toString());
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err().trim())
        .isEqualTo("peerlab: key 'peerlab.workload.opz': unknown key; did you mean 'peerlab.workload.ops'?"
            + " (every key is listed in docs/scenarios.md)");

    Result badRuntime = run("run", QUICKSTART, "--runtime", "mainframe");
    assertThat(badRuntime.code()).isEqualTo(2);
    assertThat(badRuntime.err()).contains("key 'peerlab.runtime': 'mainframe' is not allowed; use one of sim, local");

    Result noScenario = run("run");
    assertThat(noScenario.code()).isEqualTo(2);
    assertThat(noScenario.err()).contains("Missing required parameter: 'SCENARIO'");
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void deadline_writesWhatItHas_andExitsWith1(@TempDir Path dir) throws IOException {
    Result r = run("run", QUICKSTART, "--runtime", "sim", "--set", "deadline=300ms", "--out", dir.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("did not finish");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
    for (JsonNode run : json.get("runs")) {
      assertThat(run.get("deadlineHit").asBoolean()).isTrue();
      long failed = 0;
      for (JsonNode op : run.get("ops")) {
        failed += op.get("failed").asLong();
      }
      assertThat(failed).isPositive();
    }
  }

  @Test
  void trace_writesEveryDeliveredMessagePerTopology(@TempDir Path dir) throws IOException {
    Result r = run("run", QUICKSTART, "--runtime", "sim", "--set", "workload.ops=100",
        "--set", "workload.warmup-ops=0", "--set", "workload.mix={lookup=1,search=0,fetch=0}",
        "--out", dir.toString(), "--trace", "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> cs = Files.readAllLines(dir.resolve("trace-client-server.csv"));
    assertThat(cs.get(0)).isEqualTo("time_ms,from,to,message,op,bytes");
    // 100 lookups: a request and a reply each.
    assertThat(cs.stream().filter(l -> l.contains(",Lookup,"))).hasSize(100);
    assertThat(cs.stream().filter(l -> l.contains(",LookupReply,"))).hasSize(100);
    assertThat(dir.resolve("trace-central-index.csv")).exists();
  }

  /** The README's quickstart, as written, on the default runtime and on sim. */
  @Test
  void quickstart_allOpsSucceed_serverUploadsAllFetchBytes_indexUploadsNone(@TempDir Path dir)
      throws IOException {
    for (String runtime : new String[] {"local", "sim"}) {
      Path out = dir.resolve(runtime);
      Result r = run("run", QUICKSTART, "--runtime", runtime, "--out", out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("client-server", "central-index", "2000 / 0", "results: ");
      assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(1 + 6);
      JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
      assertThat(json.get("runtime").asText()).isEqualTo(runtime);
      JsonNode cs = json.get("runs").get(0);
      JsonNode ci = json.get("runs").get(1);
      assertThat(cs.get("topology").asText()).isEqualTo("client-server");
      assertThat(ci.get("topology").asText()).isEqualTo("central-index");
      for (JsonNode run : json.get("runs")) {
        assertThat(run.get("deadlineHit").asBoolean()).isFalse();
        long ok = 0;
        for (JsonNode op : run.get("ops")) {
          assertThat(op.get("failed").asLong()).isZero();
          ok += op.get("ok").asLong();
        }
        assertThat(ok).isEqualTo(2000);
      }
      assertThat(cs.get("load").get("serverShareOfContent").asDouble()).isEqualTo(1.0);
      assertThat(ci.get("load").get("serverShareOfContent").asDouble()).isEqualTo(0.0);
      assertThat(ci.get("ops").get("fetch").get("bytes").asLong()).isPositive();
    }
  }
}
