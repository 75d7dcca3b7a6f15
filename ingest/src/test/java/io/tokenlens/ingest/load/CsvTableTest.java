package io.tokenlens.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  @Test
  void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() {
    CsvTable t =
        CsvTable.parse(
            "Name,Note\r\n\"Hopper, Grace\",\"says \"\"hi\"\"\ntwice\"\r\nada,plain\n", "test");

    assertThat(t.columns()).containsExactly("name", "note");
    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0).values())
        .isEqualTo(Map.of("name", "Hopper, Grace", "note", "says \"hi\"\ntwice"));
    assertThat(t.rows().get(1).line()).isEqualTo(4);
    assertThat(t.rows().get(1).values()).containsEntry("name", "ada");
  }

  @Test
  void shouldSkipCommentsAndBlankLinesButCountTheirLines() {
    CsvTable t = CsvTable.parse("# a comment\na,b\n\n  # another\n1,2\n", "test");

    assertThat(t.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.line()).isEqualTo(5);
              assertThat(r.values()).containsEntry("b", "2");
            });
  }

  @Test
  void shouldReportEveryRaggedRowWithItsLine() {
    assertThatThrownBy(() -> CsvTable.parse("a,b\n1\n1,2\n1,2,3\n", "test"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).problems(), InstanceOfAssertFactories.LIST)
        .containsExactly(
            "[line 2]: 1 fields, but the header has 2 columns",
            "[line 4]: 3 fields, but the header has 2 columns");
  }

  @Test
  void shouldRefuseAnUnclosedQuoteADuplicateColumnAndAnEmptyFile() {
    assertThatThrownBy(() -> CsvTable.parse("a,b\n\"open,2\n", "test"))
        .hasFieldOrPropertyWithValue(
            "problems", java.util.List.of("[line 2]: a quoted field is not closed"));
    assertThatThrownBy(() -> CsvTable.parse("a,A\n1,2\n", "test"))
        .hasFieldOrPropertyWithValue(
            "problems", java.util.List.of("[line 1]: column 'a' appears twice in the header"));
    assertThatThrownBy(() -> CsvTable.parse("# only a comment\n", "test"))
        .hasMessageContaining("1 problem(s) in the test");
  }
}
