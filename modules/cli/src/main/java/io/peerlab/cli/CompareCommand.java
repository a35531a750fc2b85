package io.peerlab.cli;

import io.peerlab.report.CompareReport;
import io.peerlab.report.Results;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab compare A B}: two results folders side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two results folders: every figure of the comparison table for each",
      "topology in A and in B, with B's change relative to A, printed here and written",
      "as compare.html with the report's plots drawn from both (B dashed).",
      ""
    },
    footer = {
      "%nExamples:%n  peerlab compare results/before results/after%n  peerlab compare results/a results/b --out /tmp/a-vs-b.html%n",
      ReportCommand.EXIT_CODES
    })
final class CompareCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @Parameters(index = "0", paramLabel = "A", description = "The baseline results folder.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The results folder compared with it.")
  Path b;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      defaultValue = CompareReport.FILE,
      description = "Where to write the HTML comparison (default: ${DEFAULT-VALUE} in the current folder).")
  Path out;

  @Override
  public Integer call() {
    Results ra = Results.read(a);
    Results rb = Results.read(b);
    parent.out.print(CompareReport.text(ra, rb));
    parent.out.println();
    parent.out.println("compare: " + CompareReport.write(ra, rb, out));
    return Cli.OK;
  }
}
