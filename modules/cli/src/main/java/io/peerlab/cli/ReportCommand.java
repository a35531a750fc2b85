package io.peerlab.cli;

import io.peerlab.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab report}: (re)make report.html from results already written. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write report.html into each results folder, from its results.json: the comparison",
      "table, latency percentiles, per-topology bars, per-peer load and the scenario's own",
      "keys. One file that opens offline (inline SVG, no script). peerlab run writes it",
      "already unless --no-report; this remakes it, e.g. after an upgrade.",
      ""
    },
    footer = {
      "%nExamples:%n  peerlab report results/quickstart-20261125-172214%n  peerlab report results/*/%n",
      ReportCommand.EXIT_CODES
    })
final class ReportCommand implements Callable<Integer> {
  static final String EXIT_CODES =
      "Exit codes: 0 written, 1 could not write, 2 a folder without a readable results.json.";

  @ParentCommand PeerlabCommand parent;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Results folders written by peerlab run.")
  List<Path> dirs = new ArrayList<>();

  @Override
  public Integer call() {
    for (Path dir : dirs) {
      parent.out.println("report: " + RunReport.write(dir));
    }
    return Cli.OK;
  }
}
