package io.tokenlens.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How a report cell prints: plain text, a number as is, a count, US dollars, a share, a ratio,
 * hours, a time. NULL prints as "-".
 */
public enum CellFormat {
  TEXT(false),
  /** A number as ClickHouse printed it, right-aligned. */
  NUMBER(true),
  COUNT(true),
  USD(true),
  SHARE(true),
  /** A multiple of a reference, {@code 0.42x}. */
  RATIO(true),
  HOURS(true),
  TIME(false);

  private static final String NULL = "-";
  private final boolean numeric;

  CellFormat(boolean numeric) {
    this.numeric = numeric;
  }

  /** Numbers align right. */
  public boolean numeric() {
    return numeric;
  }

  /** The cell as printed. */
  public String format(String raw) {
    if (raw == null || raw.isEmpty() || raw.equals("nan") || raw.equals("inf")) {
      return raw == null || raw.isEmpty() ? NULL : raw;
    }
    return switch (this) {
      case TEXT, NUMBER -> raw;
      case COUNT -> pattern("#,##0").format(decimal(raw).setScale(0, RoundingMode.HALF_UP));
      case USD -> "$" + pattern("#,##0.00").format(decimal(raw));
      case SHARE -> pattern("0.0").format(decimal(raw).movePointRight(2)) + "%";
      case RATIO -> pattern("0.00").format(decimal(raw)) + "x";
      case HOURS -> pattern("0.0").format(decimal(raw)) + " h";
      case TIME -> raw.length() >= 16 ? raw.substring(0, 16) : raw;
    };
  }

  /** The value as a number for charts; 0 for NULL. */
  public static double number(String raw) {
    return raw == null || raw.isEmpty() ? 0 : decimal(raw).doubleValue();
  }

  private static BigDecimal decimal(String raw) {
    return new BigDecimal(raw.trim());
  }

  private static DecimalFormat pattern(String pattern) {
    DecimalFormat format =
        new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    return format;
  }
}
