package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellFormatTest {

  @Test
  void shouldPrintCountsWithThousandsSeparators() {
    assertThat(CellFormat.COUNT.format("4050000")).isEqualTo("4,050,000");
    assertThat(CellFormat.COUNT.format("7.6")).isEqualTo("8");
  }

  @Test
  void shouldPrintDollarsWithTwoDecimals() {
    assertThat(CellFormat.USD.format("10.3333")).isEqualTo("$10.33");
    assertThat(CellFormat.USD.format("1234.005")).isEqualTo("$1,234.01");
  }

  @Test
  void shouldPrintSharesAsPercentages() {
    assertThat(CellFormat.SHARE.format("0.1915")).isEqualTo("19.2%");
    assertThat(CellFormat.SHARE.format("1")).isEqualTo("100.0%");
  }

  @Test
  void shouldPrintRatiosAsMultiples() {
    assertThat(CellFormat.RATIO.format("0.4167")).isEqualTo("0.42x");
    assertThat(CellFormat.RATIO.format("10")).isEqualTo("10.00x");
  }

  @Test
  void shouldPrintNullAsADashAndTimesToTheMinute() {
    assertThat(CellFormat.USD.format(null)).isEqualTo("-");
    assertThat(CellFormat.TIME.format("2026-12-01 02:00:00.000")).isEqualTo("2026-12-01 02:00");
    assertThat(CellFormat.HOURS.format("7.5")).isEqualTo("7.5 h");
  }
}
