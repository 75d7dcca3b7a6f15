package io.tokenlens.report;

import java.util.List;
import java.util.Locale;

/** Escaping and number formatting shared by the HTML report and its SVG charts. */
final class Html {

  /** Series colours, distinguishable on white (Tableau 10). */
  static final List<String> PALETTE =
      List.of(
          "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
          "#9c755f", "#bab0ac");

  private Html() {}

  /** Text safe inside an element or a quoted attribute. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An SVG coordinate: one decimal, locale-independent. */
  static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  static String colour(int index) {
    return PALETTE.get(index % PALETTE.size());
  }
}
