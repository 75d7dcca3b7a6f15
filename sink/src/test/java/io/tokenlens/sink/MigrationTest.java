package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationTest {

  @Test
  void shouldListEveryMigrationFileInTheIndexInOrder() throws Exception {
    List<String> files;
    try (Stream<Path> s = Files.list(Path.of("src/main/resources/db/migrations"))) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
    assertThat(Migration.load()).extracting(Migration::name).containsExactlyElementsOf(files);
  }

  @Test
  void shouldSplitStatementsAndDropCommentLines() {
    Migration m =
        Migration.parse(
            "V007__demo.sql",
            "-- a comment; with a semicolon\nCREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\n\n"
                + "CREATE OR REPLACE VIEW v AS SELECT ';' AS s FROM a;\n");
    assertThat(m.version()).isEqualTo(7);
    assertThat(m.statements())
        .containsExactly(
            "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory",
            "CREATE OR REPLACE VIEW v AS SELECT ';' AS s FROM a");
  }

  @Test
  void shouldOnlyContainIdempotentStatements() {
    for (Migration m : Migration.load()) {
      for (String statement : m.statements()) {
        assertThat(statement)
            .as(m.name())
            .matches(
                "(?s)(CREATE (TABLE IF NOT EXISTS|MATERIALIZED VIEW IF NOT EXISTS|OR REPLACE VIEW)"
                    + "|ALTER TABLE \\S+ ADD COLUMN IF NOT EXISTS) .*");
      }
    }
  }

  @Test
  void shouldRefuseBadFileNames() {
    assertThatThrownBy(() -> Migration.parse("001-init.sql", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
