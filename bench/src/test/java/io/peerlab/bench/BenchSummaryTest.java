package io.peerlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {

  /** JMH's JSON for three results: a lookup, its ping-pong baseline, and a fetch with bytes. */
  static final String RESULTS =
      """
      [
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.TopologyBench.lookupThroughput",
         "mode": "thrpt", "threads": 4, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {"network": "off", "peers": "64", "set": "", "topology": "client-server"},
         "primaryMetric": {"score": 60000.0, "scoreError": 1500.5, "scoreUnit": "ops/s",
                           "scorePercentiles": {"50.0": 60000.0}},
         "secondaryMetrics": {}},
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.PekkoBaseline.pingPongThroughput",
         "mode": "thrpt", "threads": 4, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {},
         "primaryMetric": {"score": 120000.0, "scoreError": "NaN", "scoreUnit": "ops/s",
                           "scorePercentiles": {"50.0": 120000.0}},
         "secondaryMetrics": {}},
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.PekkoBaseline.askLatency",
         "mode": "sample", "threads": 1, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {},
         "primaryMetric": {"score": 0.010, "scoreError": 0.001, "scoreUnit": "ms/op",
                           "scorePercentiles": {"50.0": 0.008, "99.0": 0.030, "99.9": 1.0}},
         "secondaryMetrics": {}},
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.TopologyBench.lookupLatency",
         "mode": "sample", "threads": 1, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {"network": "off", "peers": "64", "set": "", "topology": "client-server"},
         "primaryMetric": {"score": 15.0, "scoreError": 1.0, "scoreUnit": "us/op",
                           "scorePercentiles": {"50.0": 12.0, "99.0": 40.0, "99.9": 900.0, "100.0": 20000.0}},
         "secondaryMetrics": {
           "p0.50": {"score": 12.0, "scoreError": "NaN", "scoreUnit": "us/op", "scorePercentiles": {}}
         }},
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.TopologyBench.lookupLatency",
         "mode": "sample", "threads": 1, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {"network": "1ms", "peers": "64", "set": "", "topology": "client-server"},
         "primaryMetric": {"score": 2100.0, "scoreError": 10.0, "scoreUnit": "us/op",
                           "scorePercentiles": {"50.0": 2050.0, "99.0": 2500.0, "99.9": 3000.0, "100.0": 4000.0}},
         "secondaryMetrics": {}},
        {"jmhVersion": "1.37", "benchmark": "io.peerlab.bench.FetchBench.fetch",
         "mode": "thrpt", "threads": 1, "forks": 1, "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM",
         "params": {"transfer": "single-source"},
         "primaryMetric": {"score": 50.0, "scoreError": 2.0, "scoreUnit": "ops/s", "scorePercentiles": {}},
         "secondaryMetrics": {
           "bytes": {"score": 5.0E7, "scoreError": 1.0E6, "scoreUnit": "ops/s", "scorePercentiles": {}},
           "\u00b7gc.alloc.rate": {"score": 300.0, "scoreError": 1.0, "scoreUnit": "MB/sec", "scorePercentiles": {}}
         }}
      ]
      """;

  record Output(int code, String out, String err) {}

  static Output summarise(String... files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BenchSummary.run(files, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void table_givesEachFigureItsRatioToItsBaselines_inTheSameUnit(@TempDir Path dir) throws Exception {
    Path json = Files.writeString(dir.resolve("r.json"), RESULTS);

    Output o = summarise(json.toString());

    assertThat(o.code()).isZero();
    assertThat(o.out())
        .startsWith("| benchmark | params | mode | threads |")
        .contains("| 15.0 | 1.000 | us/op | 12.0 | 40.0 | 900.0 | 20,000 | 1.50× askLatency (p50 1.50×) |")
        .doesNotContain("lookupLatency:p0.50")
        // with the network model on, Pekko's round trip is not the floor: no ratio
        .contains("| network=1ms peers=64 topology=client-server | sample | 1 | 2,100 | 10.0 | us/op |"
            + " 2,050 | 2,500 | 3,000 | 4,000 |  |")
        .contains("| TopologyBench.lookupThroughput | network=off peers=64 topology=client-server | thrpt | 4 |"
            + " 60,000 | 1,501 | ops/s |")
        // throughput: 60k / 120k; askThroughput was not run, so it is left out
        .contains("|  |  |  |  | 0.50× pingPongThroughput |")
        // latency: 15 us over 0.010 ms (means), 12 us over 0.008 ms (p50s)
        // the aux counter gets its own row; profiler metrics (·gc...) do not
        .contains("| FetchBench.fetch:bytes | transfer=single-source | thrpt | 1 | 50,000,000 |")
        .doesNotContain("gc.alloc")
        .contains("JDK 17.0.15");
  }

  @Test
  void ratio_convertsUnits_andRefusesToMixTimeWithRate() {
    assertThat(BenchSummary.ratio(15, "us/op", 0.010, "ms/op")).isCloseTo(1.5, within(1e-9));
    assertThat(BenchSummary.ratio(60, "ops/ms", 120_000, "ops/s")).isCloseTo(0.5, within(1e-9));
    assertThat(BenchSummary.ratio(1, "us/op", 1, "ops/s")).isNaN();
    assertThat(BenchSummary.ratio(1, "B/op", 1, "B/op")).isNaN();
  }

  @Test
  void badInput_exitsWith2_andOneLine(@TempDir Path dir) throws Exception {
    Output none = summarise();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).startsWith("usage: BenchSummary");

    Output missing = summarise(dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().trim()).startsWith("peerlab: cannot read JMH results").doesNotContain("\n");

    Path notJmh = Files.writeString(dir.resolve("x.json"), "{\"runs\": []}");
    Output wrong = summarise(notJmh.toString());
    assertThat(wrong.code()).isEqualTo(2);
    assertThat(wrong.err()).contains("not a JMH JSON result");

    Path empty = Files.writeString(dir.resolve("e.json"), "[]");
    assertThat(summarise(empty.toString()).err()).contains("no benchmark results");
  }
}
