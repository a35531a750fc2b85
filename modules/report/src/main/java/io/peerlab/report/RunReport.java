package io.peerlab.report;

import io.peerlab.scenario.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** report.html of one results folder: the comparison table, the plots and the scenario's own keys. */
public final class RunReport {
  private RunReport() {}

  public static final String FILE = "report.html";

  /** Reads {@code dir/results.json} and writes {@code dir/report.html}; the file written. */
  public static Path write(Path dir) {
    return write(Results.read(dir));
  }

  /** Writes {@code r}'s report into its folder (the same page as {@link #write(Path)} of that folder). */
  public static Path write(Results r) {
    return Page.write(r.dir().resolve(FILE), html(r));
  }

  public static String html(Results r) {
    Page page = new Page("peerlab · " + r.scenario());
    page.tag("h1", "", "peerlab report · " + r.scenario())
        .tag("p", "class=\"sub\"", r.headline())
        .tag("p", "class=\"sub\"", r.provenance())
        .raw(NAV);
    page.section("section-comparison", "Comparison").raw(table(r.runs())).notes(List.of(r)).raw(members(r.runs()))
        .end("section");
    List<Plot> plots = new ArrayList<>(SweepPlots.of(r));
    plots.addAll(Plots.all(List.of(r)));
    page.plots(plots);
    page.section("section-scenario", "Scenario")
        .tag("p", "", "Every key of this run that differs from reference.conf (all others had their default):")
        .keys(ScenarioKeys.nonDefault(r.config()), "value", "reference.conf",
            r.config().isObject() ? "Every key had its reference.conf default." : "results.json has no config section.")
        .end("section");
    return page.html("Written by peerlab " + Version.get() + " from " + r.dir().resolve("results.json")
        + ". Self-contained: no script, nothing loaded from the network.");
  }

  static final String NAV = "<nav><a href=\"#section-comparison\">comparison</a><a href=\"#section-latency\">latency</a>"
      + "<a href=\"#section-per-topology\">per topology</a><a href=\"#section-load\">per-peer load</a>"
      + "<a href=\"#section-timeline\">over time</a><a href=\"#section-scenario\">scenario</a></nav>\n";

  private static final String[][] MEMBER_COLUMNS = {
    {"member", "member"}, {"peers", "peers"}, {"messagesSent", "sent"}, {"bytesSent", "bytes sent"},
    {"messagesReceived", "received"}, {"messagesLocal", "local"}, {"flowControlWaits", "waited"},
  };

  /** Cluster runs: what each member JVM hosted and carried, as the CLI prints it after the table. */
  static String members(List<Run> runs) {
    StringBuilder sb = new StringBuilder();
    for (Run r : runs) {
      if (!r.json().path("members").isArray() || r.json().path("members").isEmpty()) {
        continue;
      }
      sb.append("<h3>Cluster members · ").append(Page.esc(r.topology())).append(" (measured phase)</h3>\n")
          .append("<table class=\"members\">\n<thead><tr>");
      for (String[] c : MEMBER_COLUMNS) {
        sb.append("<th>").append(c[1]).append("</th>");
      }
      sb.append("<th>status</th></tr></thead>\n<tbody>\n");
      for (var m : r.json().path("members")) {
        sb.append("<tr>");
        for (String[] c : MEMBER_COLUMNS) {
          sb.append("<td>").append(Page.esc(m.path(c[0]).asText("-"))).append("</td>");
        }
        sb.append("<td>").append(m.path("lost").asBoolean() ? "LOST" : "ok").append("</td></tr>\n");
      }
      sb.append("</tbody>\n</table>\n");
    }
    return sb.toString();
  }

  /** The CLI's comparison table as HTML: a column per run, a row per figure. */
  static String table(List<Run> runs) {
    StringBuilder sb = new StringBuilder("<table class=\"comparison\">\n<thead><tr><th></th>");
    // In a sweep the same topology runs at every point: each column names its point under it.
    runs.forEach(r -> sb.append("<th>").append(Page.esc(r.topology()))
        .append(r.sweepPoint().isEmpty() ? "" : "<br><small>" + Page.esc(r.sweepPoint()) + "</small>")
        .append("</th>"));
    sb.append("</tr></thead>\n<tbody>\n");
    for (Figure f : Figure.comparison(runs)) {
      sb.append("<tr><th scope=\"row\">").append(Page.esc(f.label())).append("</th>");
      runs.forEach(r -> sb.append("<td>").append(Page.esc(f.cell(r))).append("</td>"));
      sb.append("</tr>\n");
    }
    return sb.append("</tbody>\n</table>\n").toString();
  }
}
