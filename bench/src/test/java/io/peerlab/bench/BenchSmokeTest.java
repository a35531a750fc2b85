package io.peerlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The smoke run of {@code mvn verify}: one tiny peerlab benchmark and its baseline through the JMH
 * Runner, each in its own forked JVM as JMH runs them, then the summary over their JSON. Proves
 * the generated harness, a LiveSystem booting and answering inside a fork, and the ratio column;
 * says nothing about speed.
 */
class BenchSmokeTest {

  @Test
  void lookupLatencyAndItsBaseline_runInForks_andTheSummaryComparesThem(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("smoke.json");
    Options options =
        new OptionsBuilder()
            .include("io\\.peerlab\\.bench\\.(TopologyBench\\.lookupLatency|PekkoBaseline\\.askLatency)$")
            .param("topology", "client-server")
            .param("peers", "16")
            .param("network", "off")
            .forks(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(500))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();

    Collection<RunResult> results = new Runner(options).run();

    List<String> names = new ArrayList<>();
    for (RunResult r : results) {
      names.add(r.getParams().getBenchmark());
      assertThat(r.getPrimaryResult().getSampleCount()).as(r.getParams().getBenchmark()).isPositive();
      assertThat(r.getPrimaryResult().getScore()).as(r.getParams().getBenchmark()).isPositive();
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "io.peerlab.bench.TopologyBench.lookupLatency", "io.peerlab.bench.PekkoBaseline.askLatency");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        BenchSummary.run(new String[] {json.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(table)
        .contains("| TopologyBench.lookupLatency | network=off peers=16 topology=client-server | sample |")
        .containsPattern("\\d+\\.\\d\\d× askLatency \\(p50 \\d+\\.\\d\\d×\\)");
  }
}
