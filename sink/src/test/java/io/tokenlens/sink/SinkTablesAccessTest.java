package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import org.junit.jupiter.api.Test;

class SinkTablesAccessTest {

  @Test
  void shouldGrantTheSinkRoleAnInsertIntoEveryTableTheSinkFills() {
    assertThat(ClickHouseAccess.roleStatements("db"))
        .containsAll(
            SinkTables.all().stream()
                .map(m -> "GRANT INSERT ON db." + m.table() + " TO " + ClickHouseAccess.SINK_ROLE)
                .toList());
  }
}
