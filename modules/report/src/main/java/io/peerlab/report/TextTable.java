package io.peerlab.report;

import java.util.List;

/** Plain-text columns for the terminal: the first left-aligned, the others right-aligned, 3 spaces apart. */
final class TextTable {
  private TextTable() {}

  static String render(List<List<String>> rows) {
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[cols];
    rows.forEach(row -> {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    });
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        String space = " ".repeat(width[c] - cell.length());
        line.append(c == 0 ? cell + space : "   " + space + cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
