package io.peerlab.cli;

import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.scenario.ScenarioReport;
import java.util.Locale;

/** The per-member figures of cluster runs, after the comparison table; empty for other runtimes. */
final class MemberTable {
  private MemberTable() {}

  static String render(ScenarioReport report) {
    StringBuilder sb = new StringBuilder();
    for (RunResult r : report.runs()) {
      if (r.members() == null || r.members().isEmpty()) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append(String.format(Locale.ROOT, "%ncluster members (messages of the measured phase)%n"));
      }
      sb.append(String.format(Locale.ROOT, "%s:%n  %-22s %6s %10s %12s %10s %10s %8s %8s%n", r.identity().topology(),
          "member", "peers", "sent", "bytes sent", "received", "local", "waited", "status"));
      for (MemberFigures m : r.members()) {
        sb.append(String.format(Locale.ROOT, "  %-22s %6d %10d %12d %10d %10d %8d %8s%n", m.member(), m.peers(),
            m.messagesSent(), m.bytesSent(), m.messagesReceived(), m.messagesLocal(), m.flowControlWaits(),
            m.lost() ? "LOST" : "ok"));
      }
    }
    return sb.toString();
  }
}
