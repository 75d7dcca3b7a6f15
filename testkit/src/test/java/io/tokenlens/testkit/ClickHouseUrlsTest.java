package io.tokenlens.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseUrlsTest {

  @Test
  void shouldReplaceTheDatabaseAndKeepOptions() {
    assertThat(ClickHouseUrls.withDatabase("jdbc:clickhouse://127.0.0.1:8123/default", "t_x"))
        .isEqualTo("jdbc:clickhouse://127.0.0.1:8123/t_x");
    assertThat(ClickHouseUrls.withDatabase("jdbc:clickhouse://h:8123?user=a&password=b", "t_x"))
        .isEqualTo("jdbc:clickhouse://h:8123/t_x?user=a&password=b");
    assertThat(ClickHouseUrls.withDatabase("jdbc:ch:http://h:8123/db?ssl=false", "t_y"))
        .isEqualTo("jdbc:ch:http://h:8123/t_y?ssl=false");
  }

  @Test
  void shouldRejectWhatIsNotAClickHouseUrl() {
    assertThatThrownBy(() -> ClickHouseUrls.withDatabase("jdbc:postgresql://h/db", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a ClickHouse JDBC URL");
  }
}
