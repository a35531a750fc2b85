package io.peerlab.report;

/**
 * One figure of a report.
 *
 * @param id the figure's id in the page (also the SVG's id prefix)
 * @param title what it shows
 * @param svg the chart as inline SVG, or null when its data is not in results.json
 * @param note one line under it: how to read it, or why it is missing
 */
public record Plot(String id, String title, String svg, String note) {}
