package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDdlTest {

  private static final ClusterDdl PROD =
      ClusterDdl.onCluster("prod", ClusterDdl.DEFAULT_REPLICA_PATH);

  private static List<String> shipped() {
    return Migration.load().stream().flatMap(m -> m.statements().stream()).toList();
  }

  @Test
  void shouldLeaveEveryShippedStatementAsWrittenOnASingleServer() {
    ClusterDdl single = ClusterDdl.singleServer();
    for (String statement : shipped()) {
      assertThat(single.rewrite(statement)).isEqualTo(statement);
    }
  }

  @Test
  void shouldDistributeEveryShippedStatementAndReplicateEveryTable() {
    for (String statement : shipped()) {
      String clustered = PROD.rewrite(statement);
      assertThat(clustered).as(statement).contains(" ON CLUSTER `prod`");
      assertThat(clustered).doesNotContain("non_replicated_deduplication_window");
      if (statement.matches("(?s).*ENGINE\\s*=.*")) {
        assertThat(clustered)
            .as(statement)
            .containsPattern(
                "ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard}/\\{database}/"
                    + "\\{table}', '\\{replica}'");
      }
    }
  }

  @Test
  void shouldKeepTheEngineArgumentsAndTheDedupWindowSize() {
    String ddl =
        "CREATE TABLE IF NOT EXISTS model_prices (provider String, version UInt64)\n"
            + "ENGINE = ReplacingMergeTree(version)\nORDER BY (provider)\n"
            + "SETTINGS non_replicated_deduplication_window = 1000";
    assertThat(PROD.rewrite(ddl))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS model_prices ON CLUSTER `prod` (provider String, version UInt64)\n"
                + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                + " '{replica}', version)\nORDER BY (provider)\n"
                + "SETTINGS replicated_deduplication_window = 1000");
  }

  @Test
  void shouldPlaceOnClusterBeforeACopiedStructureOrAMaterializedViewTarget() {
    assertThat(
            PROD.rewrite(
                "CREATE TABLE IF NOT EXISTS token_usage_raw AS token_usage ENGINE = MergeTree ORDER BY x"))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS token_usage_raw ON CLUSTER `prod` AS token_usage ENGINE = "
                + "ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') "
                + "ORDER BY x");
    assertThat(PROD.rewrite("CREATE MATERIALIZED VIEW IF NOT EXISTS a_mv TO a AS SELECT 1"))
        .isEqualTo(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS a_mv ON CLUSTER `prod` TO a AS SELECT 1");
    assertThat(PROD.rewrite("ALTER TABLE a ADD COLUMN IF NOT EXISTS b UInt8"))
        .isEqualTo("ALTER TABLE a ON CLUSTER `prod` ADD COLUMN IF NOT EXISTS b UInt8");
    assertThat(PROD.rewrite("CREATE DATABASE IF NOT EXISTS `tokenlens`"))
        .isEqualTo("CREATE DATABASE IF NOT EXISTS `tokenlens` ON CLUSTER `prod`");
  }

  @Test
  void shouldRefuseAStatementItCannotDistributeRatherThanRunItOnOneServer() {
    assertThatThrownBy(() -> PROD.rewrite("RENAME TABLE a TO b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot distribute this statement")
        .hasMessageContaining("RENAME TABLE a TO b");
  }

  @Test
  void shouldRefuseAClusterNameOrReplicaPathThatWouldBreakTheDdl() {
    assertThatThrownBy(() -> ClusterDdl.onCluster("prod`; DROP", ClusterDdl.DEFAULT_REPLICA_PATH))
        .hasMessageContaining("plain identifier");
    assertThatThrownBy(() -> ClusterDdl.onCluster("prod", "/clickhouse/tables/{shard}"))
        .hasMessageContaining("{table}");
  }

  @Test
  void shouldReadEachDedupWindowByItsOwnName() {
    String engine =
        "ReplicatedMergeTree('/p', '{replica}') ORDER BY x SETTINGS "
            + "replicated_deduplication_window = 1000, index_granularity = 8192";
    assertThat(DedupWindow.windowOf(DedupWindow.REPLICATED_WINDOW, engine)).hasValue(1000);
    assertThat(DedupWindow.windowOf(DedupWindow.LOCAL_WINDOW, engine)).isEmpty();
    assertThat(
            DedupWindow.windowOf(
                DedupWindow.REPLICATED_WINDOW,
                "MergeTree ORDER BY x SETTINGS non_replicated_deduplication_window = 40"))
        .isEmpty();
  }

  @Test
  void shouldPrintTheWholeClusterDdlAndRefuseABadClusterName() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertThat(
            DdlMain.run(
                new String[] {"--cluster", "prod"}, new java.io.PrintStream(out), System.err))
        .isZero();
    assertThat(out.toString())
        .contains("-- V001__raw_events.sql")
        .contains("CREATE TABLE IF NOT EXISTS token_usage ON CLUSTER `prod`")
        .doesNotContain("non_replicated_deduplication_window");
    assertThat(
            DdlMain.run(
                new String[] {"--cluster", "a-b"},
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("plain identifier");
  }
}
