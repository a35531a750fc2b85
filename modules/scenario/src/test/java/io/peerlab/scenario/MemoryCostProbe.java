package io.peerlab.scenario;

import io.peerlab.core.api.Phase;
import io.peerlab.core.run.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what {@link MemoryEstimate}'s per-item costs come from, by hand (not a test): runs a
 * scenario and, when its measured phase starts (every peer built, joined and holding its objects,
 * every op script made), collects garbage and prints the heap in use.
 *
 * <pre>
 * ./peerlab --version   # builds modules/cli/target/lib
 * java -Xmx3g -cp "modules/cli/target/lib/*:modules/scenario/target/test-classes" \
 *   io.peerlab.scenario.MemoryCostProbe modules/scenario/src/test/resources/memprobe.conf peers=20000
 * java -Xmx3g ... memprobe.conf runtime=local 'topologies=[chord]' peers=5000
 * </pre>
 *
 * Run it twice with one count changed and divide the difference of the heaps by the difference of
 * the counts.
 */
public final class MemoryCostProbe {
  private MemoryCostProbe() {}

  public static void main(String[] args) {
    List<String> sets = new ArrayList<>(List.of(args).subList(1, args.length));
    sets.add("workload.op-timeout=600s");
    ScenarioSpec spec = ScenarioLoader.load(Path.of(args[0]), sets);
    long[] peak = new long[1];
    ProgressListener progress = new ProgressListener() {
      @Override
      public void phaseStarted(Phase phase, int ops) {
        if (phase == Phase.MEASURE) {
          for (int i = 0; i < 3; i++) {
            System.gc();
          }
          Runtime rt = Runtime.getRuntime();
          peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
        }
      }
    };
    ScenarioRunner.Listener listener = new ScenarioRunner.Listener() {
      @Override
      public ProgressListener progress() {
        return progress;
      }
    };
    new ScenarioRunner(listener, null).run(spec);
    System.out.printf(Locale.ROOT, "%s %s: heap in use at MEASURE %.1f MiB%n", spec.runtime(),
        String.join(" ", sets), peak[0] / 1048576.0);
    System.exit(0);
  }
}
