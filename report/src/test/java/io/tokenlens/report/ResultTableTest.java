package io.tokenlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static ResultTable read(String tsv) throws Exception {
    return ResultTable.readTabSeparatedWithNamesAndTypes(
        new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadNamesTypesAndEscapedValues() throws Exception {
    ResultTable t = read("name\tn\nString\tNullable(Int64)\na\\tb\\\\c\t\\N\nline\\nbreak\t7\n");
    assertThat(t.columns()).containsExactly("name", "n");
    assertThat(t.types()).containsExactly("String", "Nullable(Int64)");
    assertThat(t.rows())
        .containsExactly(Arrays.asList("a\tb\\c", null), List.of("line\nbreak", "7"));
  }

  @Test
  void shouldKeepTheColumnsOfAnEmptyResult() throws Exception {
    ResultTable t = read("team\tcost_usd\nString\tFloat64\n");
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.columns()).containsExactly("team", "cost_usd");
  }

  @Test
  void shouldNameTheColumnsThereAreWhenOneIsMissing() throws Exception {
    assertThatThrownBy(() -> read("a\nString\n").indexOf("b"))
        .hasMessageContaining("no column 'b' in [a]");
  }
}
