package io.peerlab.cli;

import io.peerlab.scenario.PartList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab topologies}: every topology and transfer strategy, built in or from plugins. */
@Command(
    name = "topologies",
    mixinStandardHelpOptions = true,
    description = {
      "List every known topology and transfer strategy (built in, and from --plugin jars) with its",
      "description and the keys of its section peerlab.<name>, with their defaults.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab topologies",
      "  peerlab topologies --plugin my-overlay.jar",
      "",
      "Exit codes: 0 listed, 2 bad input (a plugin path that does not exist)."
    })
final class TopologiesCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @Mixin PluginOptions plugins = new PluginOptions();

  @Override
  public Integer call() {
    for (PartList.Part p : PartList.of(plugins.loader(null))) {
      parent.out.println(p.kind() + " " + p.name() + "  (" + p.className() + ")");
      parent.out.println("    " + p.description());
      for (PartList.Key k : p.keys()) {
        parent.out.println("    " + k.path() + " = " + k.defaultValue()
            + (k.comment().isEmpty() ? "" : "    # " + k.comment()));
      }
      parent.out.println();
    }
    return Cli.OK;
  }
}
