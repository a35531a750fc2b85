package io.peerlab.cli;

import static io.peerlab.cli.CliTest.QUICKSTART;
import static io.peerlab.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** peerlab run's report.html, peerlab report and peerlab compare, end to end through the command line. */
class ReportCommandsTest {
  /** A small quickstart on sim: 24 peers, 240 ops. */
  static Result small(Path out, String... more) {
    String[] base = {"run", QUICKSTART, "--runtime", "sim", "--set", "peers=24", "--set", "workload.clients=12",
        "--set", "workload.ops=240", "--set", "workload.warmup-ops=24", "--set", "objects.count=100",
        "--out", out.toString(), "--quiet"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return run(all);
  }

  @Test
  void run_writesReportHtml_unlessNoReport(@TempDir Path dir) throws IOException {
    Result with = small(dir.resolve("with"));
    assertThat(with.code()).as(with.err()).isZero();
    Path report = dir.resolve("with").resolve("report.html");
    assertThat(with.out()).contains("report: " + report);
    assertThat(Files.readString(report)).contains("<svg", "Lookup latency by percentile", "upload fairness (Jain)");

    Result without = small(dir.resolve("without"), "--no-report");
    assertThat(without.code()).as(without.err()).isZero();
    assertThat(without.out()).doesNotContain("report: ");
    assertThat(dir.resolve("without").resolve("report.html")).doesNotExist();
    assertThat(dir.resolve("without").resolve("results.json")).exists();
  }

  @Test
  void run_makesTheSameReportAsPeerlabReportOfItsResults(@TempDir Path dir) throws IOException {
    // run makes report.html from the tree it has just written; report reads results.json back.
    Result r = small(dir, "--set", "topologies=[client-server,chord]");
    assertThat(r.code()).as(r.err()).isZero();
    String fromRun = Files.readString(dir.resolve("report.html"));
    Result again = run("report", dir.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(fromRun).contains("chord");
  }

  @Test
  void report_remakesReportHtml_inEveryFolderGiven(@TempDir Path dir) throws IOException {
    small(dir.resolve("a"), "--no-report");
    small(dir.resolve("b"), "--no-report", "--set", "workload.clients=16");
    Result r = run("report", dir.resolve("a").toString(), dir.resolve("b").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("report: " + dir.resolve("a").resolve("report.html"),
        "report: " + dir.resolve("b").resolve("report.html"));
    assertThat(Files.readString(dir.resolve("b").resolve("report.html")))
        .contains("<td>workload.clients</td><td>16</td><td>32</td>");
  }

  @Test
  void report_ofAFolderWithoutResults_isBadInput(@TempDir Path dir) {
    Result r = run("report", dir.toString());
    assertThat(r.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(r.err().strip()).isEqualTo("peerlab: no results.json in '" + dir + "': give a folder that peerlab run wrote");
  }

  @Test
  void compare_printsBothSidesWithTheChange_andWritesCompareHtml(@TempDir Path dir) throws IOException {
    small(dir.resolve("a"), "--no-report");
    small(dir.resolve("b"), "--no-report", "--set", "workload.clients=16");
    Path html = dir.resolve("a-vs-b.html");
    Result r = run("compare", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out", html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("A: " + dir.resolve("a"), "B: " + dir.resolve("b"), "client-server A", "change",
        "throughput ops/s", "compare: " + html);
    assertThat(Files.readString(html)).contains("<td>workload.clients</td><td>12</td><td>16</td>");
  }

  @Test
  void help_namesReportAndCompare() {
    Result r = run("--help");
    assertThat(r.out()).contains("report", "compare");
    assertThat(run("run", "--help").out()).contains("--no-report");
  }
}
