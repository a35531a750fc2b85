package io.peerlab.cli;

import io.peerlab.runtime.cluster.ClusterTls;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code peerlab tls-init}: the key material of a cluster closed to strangers. */
@Command(
    name = "tls-init",
    mixinStandardHelpOptions = true,
    description = {
      "Make a cluster CA and a node key and certificate for Artery over TLS.",
      "",
      "Writes, readable by you only: ca.crt (the cluster's CA: members trust only",
      "certificates it signed), ca.key (needed only to sign new node keys: keep it off",
      "the nodes), tls.crt and tls.key (the node certificate and its key). Copy ca.crt,",
      "tls.crt and tls.key to every host and start each node with --tls DIR; the run",
      "process takes --tls DIR too.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  peerlab tls-init tls           # a new cluster CA and node key",
      "  peerlab tls-init tls --renew   # a new node key, same CA (rotation)",
      "  peerlab tls-init tls --force   # a new CA: every node needs the new files",
      "Rotation and several hosts: docs/cluster.md.",
      "",
      "Exit codes: 0 written, 1 could not write, 2 bad input (keys there without --force)."
    })
final class TlsInitCommand implements Callable<Integer> {

  @ParentCommand PeerlabCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder for the key material (created if absent).")
  Path dir;

  @Option(names = "--force", description = "Replace key material already in DIR with a new CA and node key.")
  boolean force;

  @Option(names = "--renew", description = "Keep DIR's CA (ca.crt, ca.key); make a new node key and certificate.")
  boolean renew;

  @Override
  public Integer call() {
    if (force && renew) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --force (a new CA) or --renew (the same CA), not both");
    }
    List<Path> written;
    try {
      written = renew ? ClusterTls.renew(dir) : ClusterTls.init(dir, force);
    } catch (IllegalStateException | IllegalArgumentException e) {
      parent.err.println("peerlab: " + e.getMessage());
      return Cli.BAD_INPUT;
    }
    for (Path p : written) {
      parent.out.println(p);
    }
    parent.err.println("peerlab: " + (renew ? "renewed the node key and certificate in " : "made a cluster CA and a node key in ")
        + dir + "; copy " + ClusterTls.CA_CERT + ", " + ClusterTls.NODE_CERT + " and " + ClusterTls.NODE_KEY
        + " to every host and start nodes with --tls " + dir + (renew ? " (running nodes pick them up within 5 min)" : ""));
    return Cli.OK;
  }
}
