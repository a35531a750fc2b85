package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.run.PhaseMark;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.RunOutcome;
import io.peerlab.core.sim.SimHost;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What joining costs, by message type (deterministic counts, no timing): every peer joins, and the
 * join phase stays within a budget of delivered messages per joining peer, so that a change that
 * makes joins wasteful fails here rather than at 10^5 peers. Prints the breakdown.
 */
class KademliaJoinCostTest {

  @ParameterizedTest(name = "N = {0}")
  @ValueSource(ints = {4_096})
  void joining_staysWithinItsMessageBudget(int n) {
    KademliaSettings s = KademliaLookupTest.defaults();
    RunSetup setup =
        RunSetup.of(StructuredRuns.spec("kademlia", 5, n, StructuredRuns.uniformObjects(64),
            StructuredRuns.lookups(8, 16), s));
    // Every delivery's time and type, split at the publish phase's start once the run is over.
    Map<String, Integer> types = new HashMap<>();
    long[][] times = {new long[1 << 16]};
    byte[][] kinds = {new byte[1 << 16]};
    int[] count = {0};
    RunOutcome out =
        new SimHost().run(setup, RunControl.quiet().withObserver((t, from, to, m) -> {
          if (count[0] == times[0].length) {
            times[0] = Arrays.copyOf(times[0], 2 * count[0]);
            kinds[0] = Arrays.copyOf(kinds[0], 2 * count[0]);
          }
          times[0][count[0]] = t;
          kinds[0][count[0]++] =
              (byte) (int) types.computeIfAbsent(m.getClass().getSimpleName(), x -> types.size());
        }), peers -> {});
    assertThat(out.notes()).isEmpty();
    long joinEnd = out.phases().stream().filter(p -> p.phase() == Phase.PUBLISH)
        .mapToLong(PhaseMark::atNanos).findFirst().orElseThrow();
    long[] perType = new long[types.size()];
    long joinMessages = 0;
    for (int i = 0; i < count[0]; i++) {
      if (times[0][i] < joinEnd) {
        perType[kinds[0][i]]++;
        joinMessages++;
      }
    }
    Map<String, Long> byType = new TreeMap<>();
    types.forEach((name, i) -> byType.put(name, perType[i]));
    double perPeer = (double) joinMessages / (n - 1);
    System.out.printf("kademlia join, N=%d: %.1f messages delivered per joining peer %s; "
        + "%d events in the whole run%n", n, perPeer, byType, out.events());
    // 525 before joins skipped the buckets their own lookup proved complete, 359 after.
    assertThat(perPeer).isLessThan(400);
  }
}
