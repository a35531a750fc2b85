package io.peerlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * One self-contained HTML page: styles inline, charts as inline SVG, no script and no reference to
 * anything outside the file, so it opens offline and can be mailed or archived alone.
 */
final class Page {
  private final StringBuilder sb = new StringBuilder();

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
             margin: 0 auto; padding: 1rem 2rem 3rem; max-width: 1540px; }
      h1 { font-size: 1.6rem; margin-bottom: .2rem; }
      h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
      p.sub { color: #555; margin: .2rem 0; }
      nav a { margin-right: 1rem; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: .25rem .7rem; border-bottom: 1px solid #eee; }
      thead th { border-bottom: 2px solid #ccc; }
      td { text-align: right; white-space: nowrap; }
      th[scope=row] { text-align: left; font-weight: normal; }
      table.keys td { text-align: left; font-family: ui-monospace, monospace; }
      .grid { display: flex; flex-wrap: wrap; gap: 1rem; }
      figure.plot { margin: 0; flex: 1 1 560px; max-width: 740px; }
      figure.plot svg { width: 100%; height: auto; display: block; border: 1px solid #eee; }
      figcaption { font-size: .85rem; color: #555; margin-top: .3rem; }
      p.none { border: 1px dashed #bbb; color: #777; padding: 2rem; text-align: center; }
      ul.notes { color: #a33; }
      footer { margin-top: 3rem; color: #888; font-size: .85rem; }
      """;

  Page(String title) {
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append("</title>\n")
        // An empty icon, so that a browser does not ask for /favicon.ico.
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
  }

  Page raw(String html) {
    sb.append(html);
    return this;
  }

  Page tag(String tag, String attrs, String text) {
    sb.append('<').append(tag).append(attrs.isEmpty() ? "" : " " + attrs).append('>')
        .append(esc(text)).append("</").append(tag).append(">\n");
    return this;
  }

  Page section(String id, String heading) {
    sb.append("<section id=\"").append(id).append("\">\n");
    return tag("h2", "", heading);
  }

  Page end(String tag) {
    sb.append("</").append(tag).append(">\n");
    return this;
  }

  /** The nav bar, the plots grouped into sections by id, in the order of {@code all}. */
  Page plots(List<Plot> all) {
    if (all.stream().anyMatch(p -> p.id().startsWith("sweep-"))) {
      plotSection("sweep", "Over the sweep", all, p -> p.id().startsWith("sweep-"));
    }
    plotSection("latency", "Latency distribution", all, p -> p.id().startsWith("latency-"));
    plotSection("per-topology", "Per topology", all,
        p -> !p.id().startsWith("latency-") && !p.id().startsWith("load-") && !p.id().startsWith("lorenz-")
            && !p.id().startsWith("timeline") && !p.id().startsWith("sweep-"));
    plotSection("load", "Per-peer load", all, p -> p.id().startsWith("load-") || p.id().startsWith("lorenz-"));
    plotSection("timeline", "Over time", all, p -> p.id().startsWith("timeline"));
    return this;
  }

  private void plotSection(String id, String heading, List<Plot> all, Predicate<Plot> in) {
    section("section-" + id, heading);
    sb.append("<div class=\"grid\">\n");
    for (Plot p : all.stream().filter(in).toList()) {
      sb.append("<figure class=\"plot\" id=\"").append(p.id()).append("\" data-title=\"").append(esc(p.title()))
          .append("\">\n");
      if (p.svg() == null) {
        tag("p", "class=\"none\"", p.title() + ": " + p.note());
      } else {
        sb.append(p.svg()).append('\n');
        tag("figcaption", "", p.note());
      }
      end("figure");
    }
    end("div").end("section");
  }

  /** A table of non-default keys: key, value, and the other column (reference.conf, or B). */
  Page keys(List<ScenarioKeys.Key> keys, String valueHeading, String otherHeading, String whenNone) {
    if (keys.isEmpty()) {
      return tag("p", "", whenNone);
    }
    sb.append("<table class=\"keys\">\n<thead><tr><th>key</th><th>").append(esc(valueHeading)).append("</th><th>")
        .append(esc(otherHeading)).append("</th></tr></thead>\n<tbody>\n");
    for (ScenarioKeys.Key k : keys) {
      sb.append("<tr><td>").append(esc(k.key())).append("</td><td>").append(esc(k.value())).append("</td><td>")
          .append(esc(k.reference() == null ? "(not set)" : k.reference())).append("</td></tr>\n");
    }
    return raw("</tbody>\n</table>\n");
  }

  /** The runs' notes (deadline reached, errors), one item each. */
  Page notes(List<Results> sources) {
    StringBuilder items = new StringBuilder();
    for (Results s : sources) {
      for (Run r : s.runs()) {
        for (String n : r.notes()) {
          items.append("<li>").append(esc(s.name(r))).append(": ").append(esc(n)).append("</li>\n");
        }
      }
    }
    return items.isEmpty() ? this : raw("<ul class=\"notes\">\n" + items + "</ul>\n");
  }

  String html(String footer) {
    tag("footer", "", footer);
    return sb + "</body>\n</html>\n";
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  static Path write(Path file, String html) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
