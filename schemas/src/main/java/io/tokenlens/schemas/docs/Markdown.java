package io.tokenlens.schemas.docs;

/** Small helpers for generated Markdown tables. */
final class Markdown {

  private Markdown() {}

  /** Makes {@code text} safe inside a table cell. */
  static String cell(String text) {
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }

  static String row(String... cells) {
    StringBuilder out = new StringBuilder("|");
    for (String cell : cells) {
      out.append(' ').append(cell).append(" |");
    }
    return out.append('\n').toString();
  }

  static String separator(int columns) {
    return "|" + "---|".repeat(columns) + "\n";
  }
}
