package io.peerlab.cli;

import io.peerlab.scenario.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --plugin PATH}, shared by the commands that load scenarios or host peers. */
final class PluginOptions {

  @Option(
      names = "--plugin",
      paramLabel = "PATH",
      description = {
        "A plugin jar, a folder of jars or a class folder whose topologies and transfer strategies",
        "join the built-in ones (repeatable). Jars in a plugins/ folder beside the scenario load too."
      })
  List<Path> paths = new ArrayList<>();

  /** The plugin loader for a scenario file (null: only the --plugin paths). */
  ClassLoader loader(Path scenario) {
    return Plugins.open(paths, scenario);
  }

  /** Every plugin path a scenario loads, for node JVMs that must load the same. */
  List<Path> all(Path scenario) {
    return Plugins.paths(paths, scenario);
  }
}
