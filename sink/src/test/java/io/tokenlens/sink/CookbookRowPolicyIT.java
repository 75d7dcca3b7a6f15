package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.query.GenericRecord;
import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import io.tokenlens.schemas.clickhouse.LocalAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row-policy example of {@code docs/queries.md} ("Who sees what"), read from the file, on a
 * ClickHouse endpoint of the test's own started with the access file made from it.
 */
class CookbookRowPolicyIT {

  private static final Path COOKBOOK = Path.of("..", "docs", "queries.md");
  private static final Pattern SECTION =
      Pattern.compile("(?s)## Who sees what[^\\n]*\\n.*?```sql\\n(.*?)```");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static List<String> statements() throws Exception {
    Matcher m = SECTION.matcher(Files.readString(COOKBOOK));
    assertThat(m.find()).as("a ```sql block under '## Who sees what' in %s", COOKBOOK).isTrue();
    return ClickHouseAccess.split(m.group(1));
  }

  private static List<String> teams(ClickHouseWriter as, String table) {
    return as.query("SELECT DISTINCT team FROM " + table + " ORDER BY team").stream()
        .map((GenericRecord r) -> r.getString("team"))
        .toList();
  }

  @Test
  void shouldShowTheTeamLeadOnlyTheirTeamsRows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.json");
    Files.writeString(file, LocalAccessFile.fromStatements(statements()), StandardCharsets.UTF_8);
    try (PrivateClickHouse clickhouse =
        new PrivateClickHouse(dir.resolve("chdb"), List.of("--access-file", file.toString()))) {
      clickhouse.start();
      SinkMain.applyMigrations(
          SinkConfig.fromMap(
              Map.of(
                  SinkConfig.BOOTSTRAP_SERVERS,
                  "127.0.0.1:1",
                  SinkConfig.SCHEMA_REGISTRY_URL,
                  "http://127.0.0.1:1",
                  SinkConfig.CLICKHOUSE_URL,
                  clickhouse.endpoint() + "/default")));

      try (ClickHouseWriter admin =
              new ClickHouseWriter(clickhouse.endpoint(), "default", "default", "", TIMEOUT);
          ClickHouseWriter lead =
              new ClickHouseWriter(
                  clickhouse.endpoint(),
                  "default",
                  "lead_platform_ana",
                  "change-me-to-a-secret",
                  TIMEOUT)) {
        admin.execute(
            "INSERT INTO token_usage (team, occurred_at, model, input_tokens) VALUES "
                + "('platform', now(), 'm', 100), ('search', now(), 'm', 100), ('platform', now(), 'm', 100), "
                + "('ads', now(), 'm', 100)");

        assertThat(teams(admin, "token_usage")).containsExactly("ads", "platform", "search");
        assertThat(teams(admin, "usage_1h")).containsExactly("ads", "platform", "search");
        assertThat(teams(lead, "token_usage")).containsExactly("platform");
        assertThat(teams(lead, "usage_1h")).containsExactly("platform");
        assertThat(teams(lead, "token_usage_costed")).containsExactly("platform");
        assertThat(lead.query("SELECT count() AS n FROM token_usage").get(0).getLong("n"))
            .isEqualTo(2);
      }
    }
  }
}
