package io.peerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@link RunArgs}, the plain {@code peerlab run} line read without picocli: whatever it accepts,
 * picocli accepts too and sets every field of {@link RunCommand} the same; whatever else there is
 * (help, errors, odd forms) it leaves to picocli.
 */
class RunArgsTest {
  private static final PrintStream SINK =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private static List<Object> fields(RunCommand c) {
    return Arrays.asList(c.scenario, c.overrides, c.sweeps, c.runtime, c.seedNodes, c.nodes, c.tls, c.out,
        c.force, c.quiet, c.plugins.paths, c.trace, c.noReport);
  }

  /** picocli's RunCommand for {@code args}; null when picocli rejects the line or it asks for help. */
  private static RunCommand picocli(String... args) {
    CommandLine cmd = Cli.commandLine(args, new PeerlabCommand(SINK, SINK));
    try {
      CommandLine.ParseResult r = cmd.parseArgs(args);
      CommandLine.ParseResult sub = r.subcommand();
      if (sub == null || sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) {
        return null;
      }
      return (RunCommand) sub.commandSpec().userObject();
    } catch (CommandLine.ParameterException e) {
      return null;
    }
  }

  private static void assertAsPicocli(String... args) {
    RunCommand plain = RunArgs.parse(args);
    assertThat(plain).as("read without picocli: %s", List.of(args)).isNotNull();
    RunCommand pico = picocli(args);
    assertThat(pico).as("picocli accepts %s", List.of(args)).isNotNull();
    assertThat(fields(plain)).as(List.of(args).toString()).isEqualTo(fields(pico));
  }

  @Test
  void everyOption_setsWhatPicocliSets() {
    assertAsPicocli("run", "config/scenarios/quickstart.conf");
    // compare.py's line
    assertAsPicocli("run", "config/scenarios/chord-scale.conf", "--runtime", "sim", "--quiet", "--out", "/tmp/o",
        "--set", "peers=1000", "--set", "seed=1234567890", "--set", "topologies=[chord]");
    assertAsPicocli("run", "--sweep", "peers=11,21;workload.clients=10,20", "--sweep", "seed=1,2", "s.conf",
        "--force", "--trace", "--no-report", "--plugin", "a.jar", "--plugin", "plugins/", "--runtime", "cluster",
        "--seed-node", "127.0.0.1:25520", "--seed-node", "127.0.0.1:25521", "--nodes", "3", "--tls", "tls");
    assertAsPicocli("run", "", "--set", "");
  }

  @Test
  void readsEveryOptionOfRun_butHelpAndVersion() {
    CommandLine run = Cli.commandLine(new String[] {"run"}, new PeerlabCommand(SINK, SINK)).getSubcommands().get("run");
    java.util.Set<String> declared = new java.util.TreeSet<>();
    run.getCommandSpec().options().forEach(o -> declared.addAll(List.of(o.names())));
    declared.removeAll(List.of("-h", "--help", "-V", "--version"));
    assertThat(new java.util.TreeSet<>(RunArgs.names())).as("a new option of run is read here too")
        .isEqualTo(declared);
    assertThat(run.getCommandSpec().positionalParameters()).hasSize(1);
  }

  @Test
  void helpVersionErrorsAndOddForms_areLeftToPicocli() {
    for (String[] line : List.of(
        new String[] {"run"},
        new String[] {"run", "--help"},
        new String[] {"run", "s.conf", "-h"},
        new String[] {"run", "s.conf", "-V"},
        new String[] {"run", "s.conf", "--out=/tmp/x"},
        new String[] {"run", "s.conf", "--out"},
        new String[] {"run", "s.conf", "--out", "a", "--out", "b"},
        new String[] {"run", "s.conf", "--quiet", "--quiet"},
        new String[] {"run", "s.conf", "--nodes", "three"},
        new String[] {"run", "s.conf", "--nodes", "99999999999"},
        new String[] {"run", "s.conf", "--set", "--quiet"},
        new String[] {"run", "s.conf", "t.conf"},
        new String[] {"run", "@args.txt"},
        new String[] {"run", "--", "s.conf"},
        new String[] {"run", "s.conf", "--bogus"},
        new String[] {"run", "s.conf", "--out", "a\u0000b"},
        new String[] {"--version", "run", "s.conf"},
        new String[] {"topologies"})) {
      assertThat(RunArgs.parse(line)).as(List.of(line).toString()).isNull();
    }
  }

  @Test
  void randomLines_acceptedOnlyAsPicocliReadsThem() {
    String[] tokens = {"a.conf", "b.conf", "--set", "peers=5", "--sweep", "peers=1,2", "--runtime", "sim",
        "--seed-node", "127.0.0.1:1", "--nodes", "3", "x", "--tls", "/tmp/t", "--out", "/tmp/o", "--force",
        "--quiet", "--trace", "--no-report", "--plugin", "p.jar", "-h", "--help", "-V", "--", "@f", "--out=/x",
        "--bogus", "-1", "", "0"};
    Random random = new Random(42);
    int accepted = 0;
    for (int n = 0; n < 4000; n++) {
      List<String> line = new ArrayList<>(List.of("run"));
      int length = random.nextInt(9);
      for (int i = 0; i < length; i++) {
        line.add(tokens[random.nextInt(tokens.length)]);
      }
      String[] args = line.toArray(String[]::new);
      RunCommand plain = RunArgs.parse(args);
      if (plain == null) {
        continue;
      }
      accepted++;
      RunCommand pico = picocli(args);
      assertThat(pico).as("picocli accepts %s", line).isNotNull();
      assertThat(fields(plain)).as(line.toString()).isEqualTo(fields(pico));
    }
    assertThat(accepted).as("lines read without picocli").isGreaterThan(200);
  }

  @Test
  void aPlainRun_runsAndFailsAsThroughPicocli(@TempDir Path dir) {
    // A bad key: one line, exit 2, whichever reader read the command line.
    CliTest.Result plain = CliTest.run("run", CliTest.QUICKSTART, "--runtime", "sim", "--set", "peers=x",
        "--out", dir.resolve("a").toString());
    CliTest.Result odd = CliTest.run("run", CliTest.QUICKSTART, "--runtime=sim", "--set", "peers=x",
        "--out", dir.resolve("b").toString());
    assertThat(RunArgs.parse(new String[] {"run", CliTest.QUICKSTART, "--runtime=sim"})).isNull();
    assertThat(plain.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(odd.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(plain.err()).isEqualTo(odd.err()).contains("peers");
  }
}
