package io.tokenlens.report.erase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.sink.Migration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErasurePlanTest {

  private static final Pattern CREATE_TABLE =
      Pattern.compile(
          "CREATE TABLE IF NOT EXISTS (\\w+)\\s*(?:AS (\\w+)|\\((.*)\\)\\s*ENGINE)",
          Pattern.DOTALL);
  private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+)\\s+[A-Z]", Pattern.MULTILINE);

  /**
   * Every table the migrations create, with its columns (a table created {@code AS} another has its
   * columns).
   */
  private static Map<String, Set<String>> tablesOfTheMigrations() {
    Map<String, Set<String>> tables = new LinkedHashMap<>();
    for (Migration migration : Migration.load()) {
      for (String statement : migration.statements()) {
        Matcher m = CREATE_TABLE.matcher(statement);
        if (!m.find()) {
          continue;
        }
        if (m.group(2) != null) {
          tables.put(m.group(1), tables.get(m.group(2)));
          continue;
        }
        Set<String> columns = new LinkedHashSet<>();
        Matcher c = COLUMN.matcher(m.group(3));
        while (c.find()) {
          columns.add(c.group(1));
        }
        tables.put(m.group(1), columns);
      }
    }
    return tables;
  }

  @Test
  void shouldCoverEveryPersonalColumnOfTheMigrations() {
    Set<String> personal = new TreeSet<>();
    tablesOfTheMigrations()
        .forEach(
            (table, columns) ->
                columns.stream()
                    .filter(PersonalColumns::isPersonal)
                    .forEach(c -> personal.add(table + "." + c)));

    assertThat(personal)
        .contains(
            "token_usage.user_email",
            "token_usage_raw.user_id",
            "pull_requests.author_login",
            "pr_reviews.pull_request_author_login",
            "code_pushes.commit_author_emails",
            "directory.identity_identity",
            "pr_attribution.engineer_ids",
            "late_records.payload");
    assertThat(ErasurePlan.coveredColumns()).containsAll(personal);
  }

  @Test
  void shouldDecideForEveryTableOfTheMigrations() {
    Set<String> decided = new TreeSet<>(ErasurePlan.tables());
    decided.addAll(ErasurePlan.NO_PERSONAL_DATA);

    assertThat(tablesOfTheMigrations().keySet()).hasSizeGreaterThan(15);
    assertThat(decided).containsAll(tablesOfTheMigrations().keySet());
  }

  @Test
  void shouldTellPersonalColumnNamesFromTheirNeighbours() {
    assertThat(
            List.of(
                "owner_email", "reviewer_login", "author_engineer_id", "budget_subject_id", "key"))
        .allMatch(PersonalColumns::isPersonal);
    assertThat(
            List.of(
                "identity_identity_kind",
                "engineer_team",
                "session_id",
                "keyword",
                "team",
                "repository"))
        .noneMatch(PersonalColumns::isPersonal);
  }

  @Test
  void shouldQuoteIdentitiesAsDataNeverAsSql() {
    assertThat(SqlLiterals.string("o'brien\\")).isEqualTo("'o\\'brien\\\\'");
    assertThat(SqlLiterals.array(Set.of("b", "a"))).isEqualTo("CAST(['a', 'b'] AS Array(String))");
    assertThat(SqlLiterals.array(Set.of())).isEqualTo("CAST([] AS Array(String))");
  }

  @Test
  void shouldGiveOnePersonTheSamePseudonymForOneSaltAndAnotherForAnotherSalt() {
    String first = Person.pseudonymOf("salt-1", Set.of("eng-7", "eng-3"), Set.of("a@x.io"));

    assertThat(first)
        .matches("erased-[0-9a-f]{16}")
        .isEqualTo(Person.pseudonymOf("salt-1", Set.of("eng-3", "eng-7"), Set.of()))
        .isNotEqualTo(Person.pseudonymOf("salt-2", Set.of("eng-3", "eng-7"), Set.of()))
        .isNotEqualTo(Person.pseudonymOf("salt-1", Set.of("eng-4"), Set.of()));
  }
}
