package io.peerlab.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The textbook result (Kurose and Ross, "Computer Networking", section 2.5): distributing a file
 * of F bytes to N peers takes D_cs = max(N F / u_s, F / d) from a server alone, and at least D_p2p
 * = max(F / u_s, F / d, N F / (u_s + N u)) when peers upload too. Sim host, seed 42, the links of
 * config/scenarios/flash-crowd.conf: F = 4 MiB in 64 chunks, u_s = 16 MiB/s, u = 1 MiB/s, d = 4
 * MiB/s, 10 ms latency ({@link FlashCrowd#asConfigured}).
 *
 * <p>Tolerances: client-server within 3% + 100 ms above D_cs (headers; latency of the locate
 * round trip, the first request and the last chunk). Swarm within {@value #SWARM_TOLERANCE}x D_p2p,
 * issue 15's target (measured 1.23 to 1.27 here; docs/transfer.md has the sweep over N and seeds):
 * the bound is a fluid limit, and a chunked, message-based swarm pays for its start (a downloader
 * can relay only once a chunk has arrived whole), the have/interest/unchoke/request round trips of
 * every relay hop on FIFO uplinks, traffic beyond the content (control messages, duplicate
 * chunks), and its last downloader. Neither run may beat its bound: the links make that
 * impossible, so a run below it is a bug in the model.
 */
class FlashCrowdTest {
  static final double SWARM_TOLERANCE = 1.35;

  private static final Map<String, RunResult> RUNS = new ConcurrentHashMap<>();

  private static RunResult run(int n, String transfer) {
    return RUNS.computeIfAbsent(
        n + "/" + transfer, k -> FlashCrowd.asConfigured(n).run("client-server", transfer));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 10, 50, 200})
  void clientServer_distributionTimeFollowsTheServerBound(int n) {
    FlashCrowd fc = FlashCrowd.asConfigured(n);
    RunResult r = run(n, "single-source");
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(FlashCrowd.seconds(r))
        .isGreaterThanOrEqualTo(fc.clientServerBound())
        .isLessThanOrEqualTo(fc.clientServerBound() * 1.03 + 0.1);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 50, 100, 200})
  void swarm_staysWithinToleranceOfTheP2pBound(int n) {
    FlashCrowd fc = FlashCrowd.asConfigured(n);
    RunResult r = run(n, "swarm");
    System.out.printf("swarm N=%d: %.3f s, D_p2p %.3f s, ratio %.3f%n",
        n, FlashCrowd.seconds(r), fc.p2pBound(), FlashCrowd.seconds(r) / fc.p2pBound());
    assertThat(r.figures().ops().get("fetch").ok()).isEqualTo(n);
    assertThat(r.figures().load().chunksRejected()).isZero();
    assertThat(FlashCrowd.seconds(r))
        .isGreaterThanOrEqualTo(fc.p2pBound())
        .isLessThanOrEqualTo(fc.p2pBound() * SWARM_TOLERANCE);
  }

  @Test
  void swarm_flattensWhileClientServerGrowsLinearly() {
    double cs50 = FlashCrowd.seconds(run(50, "single-source"));
    double cs200 = FlashCrowd.seconds(run(200, "single-source"));
    double sw50 = FlashCrowd.seconds(run(50, "swarm"));
    double sw200 = FlashCrowd.seconds(run(200, "swarm"));
    assertThat(cs200 / cs50).isBetween(3.8, 4.2);
    assertThat(sw200 / sw50).isLessThan(1.5);
    assertThat(sw200).isLessThan(cs200 / 5);
    // The server uploads a small part of the content; the downloaders carry the rest.
    assertThat(run(200, "single-source").figures().load().serverShareOfContent()).isEqualTo(1.0);
    assertThat(run(200, "swarm").figures().load().serverShareOfContent()).isLessThan(0.2);
  }
}
