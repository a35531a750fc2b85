package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.id.Key;
import io.peerlab.runtime.cluster.ClusterNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The main class of a {@link TestCluster}'s node JVMs: a {@code peerlab node} ({@link
 * ClusterNode#serve}) whose runs' topologies are {@link Observed}, each lookup's answer appended
 * as one line to {@code <answers>/<scenario>-<pid>.answers}, where the test's JVM reads them after
 * the run ({@link #read}). All node JVMs run on this machine, so a shared folder is the simplest
 * channel that adds nothing to the protocol's messages.
 *
 * <p>Arguments: {@link ClusterNode#main}'s, then {@code --answers DIR}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ObservingNode {
  static final String ANSWERS = "--answers";
  private static final String SUFFIX = ".answers";

  private ObservingNode() {}

  public static void main(String[] args) throws Exception {
    List<String> node = new ArrayList<>(Arrays.asList(args));
    int i = node.indexOf(ANSWERS);
    if (i < 0 || i + 1 >= node.size()) {
      throw new IllegalArgumentException("give " + ANSWERS + " DIR");
    }
    Path dir = Path.of(node.get(i + 1));
    node.subList(i, i + 2).clear();
    ClusterNode.serve(node.toArray(new String[0]), t -> Observed.perRun(t, setup -> writer(dir, setup)));
  }

  /** Appends each answer of the run to this JVM's file for the run, one line each, as it comes. */
  private static Consumer<LookupAnswer> writer(Path dir, RunSetup setup) {
    Path file = dir.resolve(setup.spec().scenario() + "-" + ProcessHandle.current().pid() + SUFFIX);
    return a -> {
      String line = a.origin() + " " + a.op() + " " + a.key().hex() + " "
          + Arrays.stream(a.responsible()).mapToObj(Integer::toString).collect(Collectors.joining(","))
          + " " + a.hops() + "\n";
      synchronized (ObservingNode.class) {
        try {
          Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot record a lookup answer in " + file, e);
        }
      }
    };
  }

  /** Every answer the nodes recorded for the run named {@code scenario}, node by node. */
  static List<LookupAnswer> read(Path dir, String scenario) {
    List<LookupAnswer> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, scenario + "-*" + SUFFIX)) {
      for (Path f : files) {
        for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
          String[] p = line.split(" ");
          int[] responsible = p[3].isEmpty()
              ? new int[0] : Arrays.stream(p[3].split(",")).mapToInt(Integer::parseInt).toArray();
          out.add(new LookupAnswer(Integer.parseInt(p[0]), Long.parseLong(p[1]), Key.of(new BigInteger(p[2], 16)),
              responsible, Integer.parseInt(p[4])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nodes' lookup answers in " + dir, e);
    }
    return out;
  }
}
