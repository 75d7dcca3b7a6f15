package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster DDL parses in the real ClickHouse engine. The local endpoint is one server without a
 * cluster or Keeper, so the statements cannot run here: {@code formatQuery} parses each one and
 * prints it back, which proves the syntax and shows the engine read the {@code ON CLUSTER} clause
 * and the replicated engine.
 */
@StackTest
class ClusterDdlIT {

  @Test
  void shouldParseEveryMigrationStatementRewrittenForACluster(StackScope stack) throws Exception {
    ClusterDdl ddl = ClusterDdl.onCluster("prod", ClusterDdl.DEFAULT_REPLICA_PATH);
    List<String> statements = new ArrayList<>();
    statements.add(ddl.rewrite("CREATE DATABASE IF NOT EXISTS `tokenlens`"));
    statements.add(ddl.rewrite(Migrations.TABLE_DDL));
    Migration.load().forEach(m -> statements.addAll(ddl.statements(m)));
    int tables = 0;
    try (Connection c = stack.openClickHouse();
        PreparedStatement format = c.prepareStatement("SELECT formatQuery(?)")) {
      for (String statement : statements) {
        format.setString(1, statement);
        try (ResultSet rs = format.executeQuery()) {
          assertThat(rs.next()).as(statement).isTrue();
          String parsed = rs.getString(1);
          assertThat(parsed).as(statement).contains("ON CLUSTER prod");
          if (statement.matches("(?s).*ENGINE\\s*=.*")) {
            assertThat(parsed).containsPattern("ENGINE = Replicated\\w*MergeTree\\(");
            tables++;
          }
        }
      }
    }
    assertThat(tables).as("replicated tables, schema_migrations included").isGreaterThan(15);
  }
}
