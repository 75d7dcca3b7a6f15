package io.tokenlens.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hour-of-day burn as inline SVG: one line per team over the 24 UTC hours, with axes and a legend.
 */
final class SvgHourlyChart {

  private static final int WIDTH = 720;
  private static final int PLOT_HEIGHT = 240;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 12;
  private static final int BOTTOM = 36;

  private SvgHourlyChart() {}

  /** {@code perTeam}: for each team, its value in each hour 0..23. */
  static String render(String id, String title, Map<String, double[]> perTeam) {
    double max =
        perTeam.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
    double top = max <= 0 ? 1 : max;
    double plotWidth = WIDTH - LEFT - RIGHT;
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart line-chart\" id=\"")
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
    double baseline = TOP + PLOT_HEIGHT;
    svg.append("  <line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(Html.coordinate(baseline))
        .append("\" x2=\"")
        .append(Html.coordinate(LEFT + plotWidth))
        .append("\" y2=\"")
        .append(Html.coordinate(baseline))
        .append("\" stroke=\"#888\"/>\n");
    svg.append("  <line class=\"axis\" x1=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y2=\"")
        .append(Html.coordinate(baseline))
        .append("\" stroke=\"#888\"/>\n");
    for (int hour = 0; hour < 24; hour += 3) {
      double x = x(hour, plotWidth);
      svg.append("  <text class=\"tick\" x=\"")
          .append(Html.coordinate(x))
          .append("\" y=\"")
          .append(Html.coordinate(baseline + 16))
          .append("\" text-anchor=\"middle\">")
          .append(String.format("%02d:00", hour))
          .append("</text>\n");
    }
    svg.append("  <text class=\"tick\" x=\"")
        .append(Html.coordinate(LEFT + plotWidth / 2))
        .append("\" y=\"")
        .append(height - 4)
        .append("\" text-anchor=\"middle\">hour of day (UTC)</text>\n");
    for (double share : new double[] {0.5, 1.0}) {
      double y = baseline - PLOT_HEIGHT * share;
      svg.append("  <line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" y1=\"")
          .append(Html.coordinate(y))
          .append("\" x2=\"")
          .append(Html.coordinate(LEFT + plotWidth))
          .append("\" y2=\"")
          .append(Html.coordinate(y))
          .append("\" stroke=\"#ddd\"/>\n");
      svg.append("  <text class=\"tick\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(Html.coordinate(y + 4))
          .append("\" text-anchor=\"end\">")
          .append(Html.escape(CellFormat.USD.format(Double.toString(top * share))))
          .append("</text>\n");
    }
    int index = 0;
    for (Map.Entry<String, double[]> team : perTeam.entrySet()) {
      StringBuilder points = new StringBuilder();
      for (int hour = 0; hour < 24; hour++) {
        double y = baseline - PLOT_HEIGHT * team.getValue()[hour] / top;
        points
            .append(hour == 0 ? "" : " ")
            .append(Html.coordinate(x(hour, plotWidth)))
            .append(',')
            .append(Html.coordinate(y));
      }
      String colour = Html.colour(index);
      svg.append("  <polyline class=\"series\" data-team=\"")
          .append(Html.escape(team.getKey()))
          .append("\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\" points=\"")
          .append(points)
          .append("\"/>\n");
      double legendY = TOP + 8 + index * 18;
      svg.append("  <rect class=\"legend-swatch\" x=\"")
          .append(WIDTH - RIGHT + 16)
          .append("\" y=\"")
          .append(Html.coordinate(legendY - 9))
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(colour)
          .append("\"/>\n");
      svg.append("  <text class=\"legend\" x=\"")
          .append(WIDTH - RIGHT + 34)
          .append("\" y=\"")
          .append(Html.coordinate(legendY + 1))
          .append("\">")
          .append(Html.escape(team.getKey()))
          .append("</text>\n");
      index++;
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Per team, its value per hour of day, from rows with {@code team}, {@code hour_of_day} and
   * {@code column}.
   */
  static Map<String, double[]> series(ResultTable rows, String column) {
    Map<String, double[]> perTeam = new LinkedHashMap<>();
    List<String> teams = rows.column("team");
    List<String> hours = rows.column("hour_of_day");
    List<String> values = rows.column(column);
    for (int i = 0; i < teams.size(); i++) {
      perTeam.computeIfAbsent(teams.get(i), t -> new double[24])[Integer.parseInt(hours.get(i))] +=
          CellFormat.number(values.get(i));
    }
    return perTeam;
  }

  private static double x(int hour, double plotWidth) {
    return LEFT + plotWidth * hour / 23.0;
  }
}
