package io.peerlab.report;

import io.peerlab.scenario.SvgNumbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.ItemKey;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.json.impl.JSONValue;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYItemKey;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Charts drawn by JFreeChart onto JFreeSVG's Graphics2D: server-side SVG, inlined in the page, no
 * script. Element hinting is on, so every bar, every line and every point marker sits in an SVG
 * group whose {@code jfreesvg:ref} attribute names its series (and item); tests read values back
 * through it.
 */
final class Charts {
  private Charts() {}

  static {
    // JFreeChart draws a rotated string (tilted category names, upright bar labels) as glyph
    // outlines by default, a workaround for an old JDK bug: in SVG that is paths, not text (not
    // selectable, not searchable, far larger). Drawn as text, JFreeSVG writes <text> with a transform.
    org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  static final int WIDTH = 720;
  static final int HEIGHT = 360;

  /** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
  private static final Color[] PALETTE = {
    new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
    new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)
  };

  /**
   * Bars of several series (op types, or folders A and B) take Paul Tol's muted colours, so that
   * they are not mistaken for topologies, which keep the palette above.
   */
  private static final Color[] SERIES = {
    new Color(136, 204, 238), new Color(221, 204, 119), new Color(170, 68, 153), new Color(68, 170, 153)
  };

  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 15);
  private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 12);
  private static final Color GRID = new Color(220, 220, 220);

  static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * One line of an XY plot.
   *
   * @param name its legend entry
   * @param color index into the palette: a topology keeps its colour on every plot
   * @param dashed the second folder of a comparison
   */
  record Line(String name, int color, boolean dashed, double[] x, double[] y) {}

  /** A vertical marker on the x axis (a phase boundary). */
  record Marker(double x, String label, int color) {}

  /** An x axis: linear with a label, or HdrHistogram's percentile axis. */
  enum XAxis { LINEAR, PERCENT, NINES }

  /** The chart as an {@code <svg>} element with this id, scaled by its viewBox. */
  static String svg(JFreeChart chart, String id) {
    SVGGraphics2D g = SvgNumbers.configure(new SVGGraphics2D(WIDTH, HEIGHT));
    g.setDefsKeyPrefix(id + "-");
    chart.setElementHinting(true);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGElement(id, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
  }

  /** Lines over x; y from 0 unless {@code percentY} (then 0 to 100 %). */
  static JFreeChart lines(
      String title, XAxis xKind, String xLabel, String yLabel, boolean percentY, List<Line> lines,
      List<Marker> markers) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.name(), false, true);
      for (int i = 0; i < l.x().length; i++) {
        double y = l.y()[i];
        // NaN (no value in that interval) is drawn as a gap in the line, not as a zero.
        s.add(l.x()[i], Double.isNaN(y) ? null : (Number) y);
      }
      data.addSeries(s);
    }
    ValueAxis x = switch (xKind) {
      case NINES -> new NinesAxis(xLabel);
      case PERCENT -> percentAxis(xLabel);
      case LINEAR -> new NumberAxis(xLabel);
    };
    if (x instanceof NumberAxis n) {
      // Time and rank start at 0; a phase that starts at 0 keeps its marker.
      n.setAutoRangeIncludesZero(xKind == XAxis.LINEAR);
    }
    NumberAxis y = percentY ? percentAxis(yLabel) : new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(true);
    HintedLineRenderer r = new HintedLineRenderer(lines);
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      r.setSeriesPaint(i, color(l.color()));
      r.setSeriesStroke(i, stroke(l.dashed()));
      r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
      r.setSeriesShapesFilled(i, !l.dashed());
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    addMarkers(plot, lines, markers);
    if (xKind == XAxis.PERCENT && percentY) {
      // The line of perfect equality, for the Lorenz curve.
      plot.addAnnotation(new XYLineAnnotation(0, 0, 1, 1, stroke(true), Color.GRAY));
    }
    style(plot);
    return chart(title, plot, true);
  }

  /**
   * Vertical markers, each phase named once: by its first marker (several topologies start a phase
   * at about the same time, and their labels were written over each other), in the highest row
   * where it clears the labels to its left (a short warm-up puts WARMUP and MEASURE a few pixels
   * apart). A label's width is estimated from its length at the label font's ~7 px a character,
   * against the data's x span over the plot's ~{@value #PLOT_WIDTH} px.
   */
  private static void addMarkers(XYPlot plot, List<Line> lines, List<Marker> markers) {
    double span = 0;
    for (Line l : lines) {
      for (double v : l.x()) {
        span = Math.max(span, v);
      }
    }
    for (Marker m : markers) {
      span = Math.max(span, m.x());
    }
    List<Marker> byX = new ArrayList<>(markers);
    byX.sort(java.util.Comparator.comparingDouble(Marker::x)); // stable: equal x keep their order
    List<Double> rowEnds = new ArrayList<>();
    java.util.Set<String> named = new java.util.HashSet<>();
    for (Marker m : byX) {
      ValueMarker vm = new ValueMarker(m.x(), color(m.color()), stroke(true));
      if (named.add(m.label())) {
        double width = span * (m.label().length() * 7 + 10) / PLOT_WIDTH;
        int row = 0;
        while (row < rowEnds.size() && rowEnds.get(row) > m.x()) {
          row++;
        }
        if (row == rowEnds.size()) {
          rowEnds.add(0.0);
        }
        rowEnds.set(row, m.x() + width);
        vm.setLabel(m.label());
        vm.setLabelFont(LABEL);
        vm.setLabelPaint(Color.DARK_GRAY);
        vm.setLabelBackgroundColor(new Color(255, 255, 255, 210));
        vm.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        vm.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        vm.setLabelOffset(new RectangleInsets(3 + LABEL_ROW * row, 3, 3, 3));
      }
      plot.addDomainMarker(vm);
    }
  }

  /** The plot area's width in pixels, about (the chart less its axis and insets). */
  static final int PLOT_WIDTH = 640;
  /** Rows of marker labels, this many pixels apart. */
  static final int LABEL_ROW = 16;

  /** More bars than this in a grouped bar chart and their value labels are turned upright. */
  static final int NARROW_BARS = 12;

  /**
   * Bars: one group per category, one bar per series in it. {@code values[s][c]} is NaN where
   * series s has no value for category c. With one series and {@code categoryColors} (each
   * category's palette index, its topology's), every bar takes its topology's colour.
   */
  static JFreeChart bars(
      String title, String yLabel, List<String> series, List<String> categories, double[][] values,
      DoubleFunction<String> format, boolean percentY, int[] categoryColors) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int s = 0; s < series.size(); s++) {
      for (int c = 0; c < categories.size(); c++) {
        if (!Double.isNaN(values[s][c])) {
          data.addValue(values[s][c], series.get(s), categories.get(c));
        }
      }
    }
    NumberAxis y = percentY ? percentAxis(yLabel) : new NumberAxis(yLabel);
    y.setUpperMargin(0.12); // room for the labels above the bars
    CategoryAxis x = new CategoryAxis();
    x.setTickLabelFont(LABEL);
    x.setMaximumCategoryLabelLines(3);
    if (categories.size() > 6) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    boolean byCategory = categoryColors != null && series.size() == 1;
    BarRenderer r = new BarRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public java.awt.Paint getItemPaint(int row, int column) {
        return byCategory ? color(categoryColors[column]) : super.getItemPaint(row, column);
      }
    };
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    r.setItemMargin(0.04);
    r.setMaximumBarWidth(0.12);
    r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new Formatted(format)));
    r.setDefaultItemLabelsVisible(true);
    r.setDefaultItemLabelFont(LABEL);
    if (series.size() > 1 && series.size() * categories.size() > NARROW_BARS) {
      // Bars narrower than their labels: side by side the labels ran into each other
      // ("0.000.000.00"); read upwards from the top of the bar instead, with room above.
      r.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(
          ItemLabelAnchor.OUTSIDE12, TextAnchor.CENTER_LEFT, TextAnchor.CENTER_LEFT, -Math.PI / 2));
      y.setUpperMargin(0.25);
    }
    for (int s = 0; s < series.size(); s++) {
      r.setSeriesPaint(s, SERIES[s % SERIES.length]);
    }
    CategoryPlot plot = new CategoryPlot(data, x, y, r);
    plot.setOrientation(PlotOrientation.VERTICAL);
    style(plot);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(GRID);
    return chart(title, plot, series.size() > 1);
  }

  private static NumberAxis percentAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setNumberFormatOverride(NumberFormat.getPercentInstance(java.util.Locale.ROOT));
    return a;
  }

  private static Stroke stroke(boolean dashed) {
    return dashed
        ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(2f);
  }

  private static void style(Plot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.LIGHT_GRAY);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
      fonts(xy.getDomainAxis());
      fonts(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot cat) {
      fonts(cat.getRangeAxis());
      cat.getDomainAxis().setLabelFont(LABEL);
    }
  }

  private static void fonts(ValueAxis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(LABEL);
  }

  private static JFreeChart chart(String title, Plot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(LABEL);
      l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      l.setPosition(RectangleEdge.BOTTOM);
    }
    return chart;
  }

  /**
   * HdrHistogram's percentile axis: x = 1 / (1 − p) on a log scale, so 50 %, 90 %, 99 % and 99.9 %
   * are evenly spaced (x = 2, 10, 100, 1000); the maximum is drawn one step further, at 10^4.
   */
  static final class NinesAxis extends LogAxis {
    private static final long serialVersionUID = 1L;
    static final double[] AT = {2, 10, 100, 1000, 10_000};
    static final String[] LABELS = {"50%", "90%", "99%", "99.9%", "max"};

    NinesAxis(String label) {
      super(label);
      setAutoRange(false);
      setRange(1.6, 14_000);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      List ticks = new ArrayList();
      for (int i = 0; i < AT.length; i++) {
        ticks.add(new NumberTick(TickType.MAJOR, AT[i], LABELS[i], TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
      }
      return ticks;
    }
  }

  /** Point markers on a line of more points than this are thinned to about this many. */
  static final int MAX_MARKERS = 20;

  /**
   * Which items of a line of {@code points} points carry a marker: every one up to {@link
   * #MAX_MARKERS}; beyond, every {@code ceil(points / MAX_MARKERS)}-th from the first, and the last.
   */
  static boolean marked(int item, int points) {
    int every = points <= MAX_MARKERS ? 1 : (points + MAX_MARKERS - 1) / MAX_MARKERS;
    return item % every == 0 || item == points - 1;
  }

  /**
   * Draws each series' line as one path in an SVG group named after the series ({@link LineKey}),
   * and its point markers each in a group named after its series and item; a line of many points
   * (a sorted load of 200, a Lorenz curve of 101) gets markers at {@link #marked} items only. A
   * marker is a filled and an outlined path of some 50 numbers, and JFreeSVG formats each number
   * through a DecimalFormat: at 200 markers a line, the per-peer plots were most of a small run's
   * report time, and 60 % of the page's bytes, for a row of overlapping dots.
   */
  static final class HintedLineRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;
    private final int[] points;

    HintedLineRenderer(List<Line> lines) {
      super(true, true);
      setDrawSeriesLineAsPath(true);
      points = lines.stream().mapToInt(l -> l.x().length).toArray();
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
      return marked(item, points[series]) && super.getItemShapeVisible(series, item);
    }

    @Override
    public void drawItem(
        Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
        XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
        CrosshairState crosshairState, int pass) {
      ItemKey key = null;
      if (isItemPass(pass)) {
        key = getItemShapeVisible(series, item) ? new XYItemKey<>(dataset.getSeriesKey(series), item) : null;
      } else if (isLinePass(pass) && item == state.getLastItemIndex()) {
        key = new LineKey(dataset.getSeriesKey(series).toString()); // the path is drawn at the last item
      }
      if (key != null) {
        beginElementGroup(g2, key);
      }
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item,
          crosshairState, pass);
      if (key != null) {
        endElementGroup(g2);
      }
    }
  }

  /** A whole line's group: {@code {"seriesKey": "...", "line": true}}. */
  record LineKey(String series) implements ItemKey {
    @Override
    public String toJSONString() {
      return "{\"seriesKey\": " + JSONValue.toJSONString(series) + ", \"line\": true}";
    }
  }

  /** A NumberFormat that prints through the report's own formatting (the CLI table's). */
  static final class Formatted extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final transient DoubleFunction<String> format;

    Formatted(DoubleFunction<String> format) {
      this.format = format;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return to.append(format.apply(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return to.append(format.apply(number));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("display only");
    }
  }
}
