package io.peerlab.scenario;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * {@code peerlab bench}'s summary as one offline HTML page ({@code bench.html}): the summary table,
 * and for every figure that names baselines a bar chart of the figure beside each baseline, in the
 * figure's unit, as inline SVG (JFreeChart onto JFreeSVG, the report module's libraries).
 *
 * <p>It reads the markdown table the bench jar's summary prints (benchmark, params, mode, threads,
 * score, ± error, unit, p50, p99, p99.9, max, vs baseline), where "vs baseline" is "1.23× name;
 * ..." = figure / baseline, so a baseline's score is score / ratio: baselines stay matched in one
 * place (BenchSummary). Meant to move into the report module once that is merged.
 */
public final class BenchPage {
  private BenchPage() {}

  /** One row of the summary: a figure and its ratios to named baselines. */
  record Row(String name, String params, String mode, double score, String unit, List<Ratio> ratios) {}

  record Ratio(double ratio, String baseline) {}

  private static final Pattern RATIO = Pattern.compile("([0-9.]+(?:[eE][-+]?[0-9]+)?)× *([^;]+)");

  static List<Row> parse(String markdown) {
    List<Row> rows = new ArrayList<>();
    for (String line : markdown.lines().toList()) {
      if (!line.startsWith("| ") || line.startsWith("| benchmark")) {
        continue;
      }
      String[] c = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
      if (c.length < 12) {
        continue;
      }
      double score;
      try {
        score = Double.parseDouble(c[4].trim().replace(",", ""));
      } catch (NumberFormatException e) {
        continue;
      }
      List<Ratio> ratios = new ArrayList<>();
      Matcher m = RATIO.matcher(c[11]);
      while (m.find()) {
        ratios.add(new Ratio(Double.parseDouble(m.group(1)), m.group(2).trim()));
      }
      rows.add(new Row(c[0].trim(), c[1].trim(), c[2].trim(), score, c[6].trim(), ratios));
    }
    return rows;
  }

  /** The page for a summary table; {@code title} names where the figures came from. */
  public static String html(String markdown, String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
            + "text-align:right}figure{display:inline-block;margin:1em}</style></head><body>\n")
        .append("<h1>").append(escape(title)).append("</h1>\n");
    List<Row> rows = parse(markdown);
    sb.append("<h2>Each figure against its baselines</h2>\n");
    int charts = 0;
    for (Row r : rows) {
      if (!r.ratios().isEmpty()) {
        sb.append("<figure class=\"bench-chart\">").append(chart(r)).append("<figcaption>")
            .append(escape(r.name() + " " + r.params() + " (" + r.mode() + ")"))
            .append("</figcaption></figure>\n");
        charts++;
      }
    }
    if (charts == 0) {
      sb.append("<p>No figure in these results names a baseline that was run.</p>\n");
    }
    sb.append("<h2>Summary</h2>\n<table>\n");
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("|") && !line.startsWith("|---")) {
        String tag = line.startsWith("| benchmark") ? "th" : "td";
        sb.append("<tr>");
        String[] c = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1);
        for (String cell : c) {
          sb.append('<').append(tag).append('>').append(escape(cell.trim())).append("</").append(tag).append('>');
        }
        sb.append("</tr>\n");
      } else if (!line.isBlank() && !line.startsWith("|")) {
        sb.append("</table>\n<p>").append(escape(line)).append("</p>\n<table>\n");
      }
    }
    sb.append("</table>\n</body></html>\n");
    return sb.toString();
  }

  private static String chart(Row r) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    data.addValue(r.score(), r.unit(), r.name());
    for (Ratio x : r.ratios()) {
      if (x.ratio() > 0) {
        data.addValue(r.score() / x.ratio(), r.unit(), x.baseline() + String.format(Locale.ROOT, " (%.2f×)", x.ratio()));
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(
        r.name(), null, r.unit(), data, PlotOrientation.VERTICAL, false, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = SvgNumbers.configure(new SVGGraphics2D(480, 300));
    chart.draw(g, new Rectangle(0, 0, 480, 300));
    return g.getSVGElement();
  }

  /** Writes the page to {@code file}. */
  public static void write(String markdown, String title, Path file) {
    try {
      Files.writeString(file, html(markdown, title), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
