package io.tokenlens.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseAccessTest {

  @Test
  void shouldGrantTheReaderSelectOnTheDatabaseOnly() {
    assertThat(ClickHouseAccess.roleStatements("tokenlens"))
        .contains(
            "CREATE ROLE IF NOT EXISTS tokenlens_reader",
            "GRANT SELECT ON tokenlens.* TO tokenlens_reader")
        .filteredOn(s -> s.endsWith("TO tokenlens_reader") && s.startsWith("GRANT"))
        .containsExactly("GRANT SELECT ON tokenlens.* TO tokenlens_reader");
  }

  @Test
  void shouldGrantTheSinkInsertsAndOnlyTheReadOfTheMaterializedViewsSource() {
    assertThat(ClickHouseAccess.roleStatements("tokenlens"))
        .filteredOn(s -> s.endsWith("TO tokenlens_sink") && !s.startsWith("GRANT INSERT"))
        .containsExactly("GRANT SELECT ON tokenlens.token_usage TO tokenlens_sink");
    assertThat(ClickHouseAccess.roleStatements("tokenlens"))
        .filteredOn(s -> s.startsWith("GRANT INSERT"))
        .allMatch(s -> s.matches("GRANT INSERT ON tokenlens\\.[a-z_0-9]+ TO tokenlens_sink"))
        .contains("GRANT INSERT ON tokenlens.usage_1h TO tokenlens_sink");
  }

  @Test
  void shouldSendOnlyTheHashOfAPassword() {
    List<String> statements =
        ClickHouseAccess.userStatements(
            new ClickHouseAccess.User(
                "grafana", "reader-secret-123", ClickHouseAccess.READER_ROLE));
    String hash = ClickHouseAccess.sha256Hex("reader-secret-123");
    assertThat(statements)
        .containsExactly(
            "CREATE USER IF NOT EXISTS grafana IDENTIFIED WITH sha256_hash BY '" + hash + "'",
            "ALTER USER grafana IDENTIFIED WITH sha256_hash BY '" + hash + "'",
            "GRANT tokenlens_reader TO grafana");
    assertThat(String.join("\n", statements)).doesNotContain("reader-secret-123");
  }

  @Test
  void shouldRefuseAUserWithoutPasswordOrWithANameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> new ClickHouseAccess.User("reader", "", "tokenlens_reader"))
        .hasMessageContaining("needs a password");
    assertThatThrownBy(() -> new ClickHouseAccess.User("x; DROP", "pw", "tokenlens_reader"))
        .hasMessageContaining("plain identifier");
    assertThatThrownBy(() -> ClickHouseAccess.roleStatements("db.x"))
        .hasMessageContaining("plain identifier");
  }

  @Test
  void shouldExpressTheStatementsAsTheLocalEndpointsAccessFile() throws Exception {
    List<String> statements =
        ClickHouseAccess.statements(
            "default",
            List.of(
                new ClickHouseAccess.User(
                    "tokenlens_sink", "sink-secret-1", ClickHouseAccess.SINK_ROLE),
                new ClickHouseAccess.User(
                    "tokenlens_reader", "reader-secret-1", ClickHouseAccess.READER_ROLE)));
    JsonNode file = new ObjectMapper().readTree(LocalAccessFile.fromStatements(statements));
    assertThat(file.at("/roles/tokenlens_reader").toString())
        .isEqualTo("[\"GRANT SELECT ON default.*\"]");
    assertThat(file.at("/roles/tokenlens_sink/0").asText())
        .isEqualTo("GRANT INSERT ON default.token_usage");
    assertThat(file.at("/users/tokenlens_reader/role").asText()).isEqualTo("tokenlens_reader");
    assertThat(file.at("/users/tokenlens_reader/password_sha256_hex").asText())
        .isEqualTo(ClickHouseAccess.sha256Hex("reader-secret-1"));
    assertThat(file.at("/users/tokenlens_sink/role").asText()).isEqualTo("tokenlens_sink");
  }

  @Test
  void shouldCarryARowPolicyOfARole() throws Exception {
    JsonNode file =
        new ObjectMapper()
            .readTree(
                LocalAccessFile.fromStatements(
                    List.of(
                        "CREATE ROLE IF NOT EXISTS lead_platform",
                        "GRANT SELECT ON tokenlens.* TO lead_platform",
                        "CREATE ROW POLICY IF NOT EXISTS platform_rows ON tokenlens.token_usage FOR SELECT\n  USING team = 'platform' TO lead_platform",
                        "CREATE USER IF NOT EXISTS ana IDENTIFIED BY 'ana-secret'",
                        "GRANT lead_platform TO ana")));
    assertThat(file.at("/rowPolicies/0/table").asText()).isEqualTo("tokenlens.token_usage");
    assertThat(file.at("/rowPolicies/0/role").asText()).isEqualTo("lead_platform");
    assertThat(file.at("/rowPolicies/0/using").asText()).isEqualTo("team = 'platform'");
    assertThat(file.at("/users/ana/password").asText()).isEqualTo("ana-secret");
  }

  @Test
  void shouldRefuseWhatTheLocalEndpointCannotEnforceNamingEachStatement() {
    assertThatThrownBy(
            () ->
                LocalAccessFile.fromStatements(
                    List.of(
                        "CREATE ROLE IF NOT EXISTS a",
                        "CREATE ROLE IF NOT EXISTS b",
                        "CREATE USER IF NOT EXISTS u IDENTIFIED BY 'p'",
                        "GRANT a TO u",
                        "GRANT b TO u",
                        "GRANT SELECT ON db.* TO somebody_else",
                        "CREATE QUOTA q FOR INTERVAL 1 hour MAX queries = 10 TO a",
                        "CREATE USER IF NOT EXISTS v IDENTIFIED BY 'p'")))
        .hasMessageContaining("GRANT b TO u: the user u already holds the role a")
        .hasMessageContaining("- GRANT SELECT ON db.* TO somebody_else")
        .hasMessageContaining("- CREATE QUOTA q")
        .hasMessageContaining("the user v is granted no role");
  }
}
