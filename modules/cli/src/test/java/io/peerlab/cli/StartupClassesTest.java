package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code peerlab run} loads, seen in a child JVM's class-loading log: a sim run without a
 * report starts no Pekko, configures no Logback and draws no chart (start-up is most of a small
 * sim run) and, its command line being plain, loads no picocli; with or without its report it
 * makes no Jackson ObjectMapper (results.json is written by ResultsJson); a local run configures logging
 * before its actor system starts.
 */
class StartupClassesTest {

  private static List<String> loaded(Path dir, String... args) throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    Process p = InterruptTest.command(List.of("-Xmx512m", "-Xlog:class+load=info:file=" + log), args);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the run ends").isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    return Files.readAllLines(log);
  }

  private static int first(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(" " + prefix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void simRun_withoutReport_loadsNoPekkoLogbackOrCharts(@TempDir Path dir) throws Exception {
    List<String> lines = loaded(dir, "run", CliTest.QUICKSTART, "--runtime", "sim", "--quiet",
        "--no-report", "--out", dir.resolve("out").toString(), "--set", "topologies=[chord]");
    assertThat(first(lines, "io.peerlab.core.sim.SimHost ")).as("the sim ran").isPositive();
    assertThat(first(lines, "org.apache.pekko.")).isEqualTo(-1);
    assertThat(first(lines, "ch.qos.logback.")).isEqualTo(-1);
    assertThat(first(lines, "org.jfree.")).isEqualTo(-1);
    assertThat(first(lines, "picocli.")).as("a plain run line is read without picocli (RunArgs)").isEqualTo(-1);
    assertThat(first(lines, "com.fasterxml.jackson.databind.ObjectMapper "))
        .as("results.json is written without Jackson's data binding (ResultsJson)").isEqualTo(-1);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void simRun_withItsReport_makesNoObjectMapper(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    List<String> lines = loaded(dir, "run", CliTest.QUICKSTART, "--runtime", "sim", "--quiet",
        "--out", out.toString(), "--set", "topologies=[chord]");
    assertThat(out.resolve("report.html")).as("the report was written").isNotEmptyFile();
    assertThat(first(lines, "org.jfree.chart.JFreeChart ")).as("its charts were drawn").isPositive();
    // Jackson's binding (serialisers built by introspection, annotation proxies, its time zone's
    // tzdb) was about a fifth of a second of a small run's CPU: results.json and the report are
    // made from trees (ResultsJson), never through an ObjectMapper.
    assertThat(first(lines, "com.fasterxml.jackson.databind.ObjectMapper "))
        .as("no ObjectMapper on a run's path").isEqualTo(-1);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void localRun_configuresLoggingBeforePekkoStarts(@TempDir Path dir) throws Exception {
    List<String> lines = loaded(dir, "run", CliTest.QUICKSTART, "--runtime", "local", "--quiet",
        "--no-report", "--out", dir.resolve("out").toString(), "--set", "topologies=[client-server]",
        "--set", "workload.ops=60", "--set", "workload.warmup-ops=0");
    int logback = first(lines, "ch.qos.logback.classic.LoggerContext ");
    int pekko = first(lines, "org.apache.pekko.actor.typed.ActorSystem ");
    assertThat(logback).isPositive();
    assertThat(pekko).isPositive();
    assertThat(logback).isLessThan(pekko);
  }
}
