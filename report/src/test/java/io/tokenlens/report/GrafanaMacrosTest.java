package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

  private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

  @Test
  void shouldExpandTimeAndDateFiltersLikeThePlugin() {
    GrafanaMacros macros = new GrafanaMacros(FROM, TO, 3600, Map.of());
    assertThat(macros.expand("WHERE $__timeFilter(raised_at) AND $__dateFilter(day)"))
        .isEqualTo(
            "WHERE raised_at >= toDateTime(1795996800) AND raised_at <= toDateTime(1796169600) AND "
                + "day >= toDate('2026-11-30') AND day <= toDate('2026-12-02')");
    assertThat(macros.expand("SELECT $__timeInterval(ifNull(a, b)) AS time"))
        .isEqualTo(
            "SELECT toStartOfInterval(toDateTime(ifNull(a, b)), INTERVAL 3600 second) AS time");
  }

  @Test
  void shouldDropTheConditionWhenAllValuesAreSelected() {
    String sql = "WHERE $__conditionalAll(team IN (${team:singlequote}), $team)";
    assertThat(new GrafanaMacros(FROM, TO, 60, Map.of("team", List.of())).expand(sql))
        .isEqualTo("WHERE 1=1");
    assertThat(
            new GrafanaMacros(FROM, TO, 60, Map.of("team", List.of("payments", "o'neil")))
                .expand(sql))
        .isEqualTo("WHERE team IN ('payments','o\\'neil')");
  }

  @Test
  void shouldRefuseAMacroItCannotExpand() {
    assertThatThrownBy(
            () -> new GrafanaMacros(FROM, TO, 60, Map.of()).expand("WHERE $__timeFilter_ms(t)"))
        .hasMessageContaining("cannot expand");
  }
}
