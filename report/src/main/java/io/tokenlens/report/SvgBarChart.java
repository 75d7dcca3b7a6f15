package io.tokenlens.report;

import java.util.List;

/**
 * A horizontal bar chart as inline SVG: one labelled bar per category, its value printed at the
 * bar's end.
 */
final class SvgBarChart {

  /** One bar: its category, its length and the text printed beside it. */
  record Bar(String label, double value, String valueText) {}

  private static final int WIDTH = 720;
  private static final int LABEL_WIDTH = 220;
  private static final int VALUE_WIDTH = 110;
  private static final int ROW = 28;
  private static final int BAR = 18;

  private SvgBarChart() {}

  static String render(String id, String title, List<Bar> bars) {
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    int height = bars.size() * ROW + 10;
    double span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bar-chart\" id=\"")
        .append(id)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">\n");
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = 5 + i * ROW;
      double length = max <= 0 ? 0 : Math.max(1, span * bar.value() / max);
      svg.append("  <text class=\"label\" x=\"")
          .append(LABEL_WIDTH - 8)
          .append("\" y=\"")
          .append(Html.coordinate(y + BAR * 0.75))
          .append("\" text-anchor=\"end\">")
          .append(Html.escape(bar.label()))
          .append("</text>\n");
      svg.append("  <rect class=\"bar\" data-label=\"")
          .append(Html.escape(bar.label()))
          .append("\" data-value=\"")
          .append(bar.value())
          .append("\" x=\"")
          .append(LABEL_WIDTH)
          .append("\" y=\"")
          .append(Html.coordinate(y))
          .append("\" width=\"")
          .append(Html.coordinate(length))
          .append("\" height=\"")
          .append(BAR)
          .append("\" fill=\"")
          .append(Html.colour(0))
          .append("\"><title>")
          .append(Html.escape(bar.label()))
          .append(": ")
          .append(Html.escape(bar.valueText()))
          .append("</title></rect>\n");
      svg.append("  <text class=\"value\" x=\"")
          .append(Html.coordinate(LABEL_WIDTH + length + 6))
          .append("\" y=\"")
          .append(Html.coordinate(y + BAR * 0.75))
          .append("\">")
          .append(Html.escape(bar.valueText()))
          .append("</text>\n");
    }
    return svg.append("</svg>").toString();
  }
}
