package io.tokenlens.report.erase;

import io.tokenlens.report.ClickHouseQueries;
import io.tokenlens.report.QueryFailedException;
import io.tokenlens.report.ResultTable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds every identity of one person before anything is erased: the directory's identity entries
 * (emails, user ids, account ids, API keys, logins) of their engineer ids, the engineer ids their
 * emails resolve to, and the raw identities and logins the data itself attributes to those engineer
 * ids.
 */
public final class IdentityResolver {

  private final ClickHouseQueries clickhouse;

  public IdentityResolver(ClickHouseQueries clickhouse) {
    this.clickhouse = clickhouse;
  }

  /** The person named by any of these engineer ids and emails; {@code salt} keys the pseudonym. */
  public Person resolve(Set<String> engineerIds, Set<String> emails, String salt)
      throws QueryFailedException {
    Set<String> engineers = new HashSet<>(engineerIds);
    Set<String> mails = new HashSet<>();
    emails.forEach(e -> mails.add(e.toLowerCase(Locale.ROOT)));

    // emails → engineer ids, by the directory and by the resolved events
    engineers.addAll(
        values(
            "SELECT DISTINCT identity_engineer_id AS v FROM directory WHERE kind = 'IDENTITY' "
                + "AND identity_identity_kind = 'EMAIL' AND has("
                + SqlLiterals.array(mails)
                + ", lower(identity_identity))"));
    for (String table : List.of("token_usage", "agent_activity", "usage_metrics")) {
      engineers.addAll(
          values(
              "SELECT DISTINCT engineer_id AS v FROM "
                  + table
                  + " WHERE has("
                  + SqlLiterals.array(mails)
                  + ", lower(ifNull(user_email, '')))"));
    }

    // engineer ids → identities, by the directory
    Set<String> userIds = new HashSet<>();
    Set<String> accountIds = new HashSet<>();
    Set<String> apiKeyIds = new HashSet<>();
    Set<String> logins = new HashSet<>();
    ResultTable identities =
        clickhouse.query(
            "SELECT DISTINCT identity_identity_kind AS k, identity_identity AS v "
                + "FROM directory WHERE kind = 'IDENTITY' AND "
                + ErasurePlan.in("identity_engineer_id", engineers),
            Map.of());
    for (List<String> row : identities.rows()) {
      String value = row.get(1);
      if (value == null || value.isBlank()) {
        continue;
      }
      switch (String.valueOf(row.get(0))) {
        case "EMAIL" -> mails.add(value.toLowerCase(Locale.ROOT));
        case "USER_ID" -> userIds.add(value);
        case "ACCOUNT_ID" -> accountIds.add(value);
        case "API_KEY_ID" -> apiKeyIds.add(value);
        case "SCM_LOGIN" -> logins.add(value);
        default -> userIds.add(value);
      }
    }

    // engineer ids → identities the events carried (API key ids only from the directory: keys may
    // be shared)
    for (String table : List.of("token_usage", "agent_activity", "usage_metrics")) {
      String where = " FROM " + table + " WHERE " + ErasurePlan.in("engineer_id", engineers);
      userIds.addAll(values("SELECT DISTINCT user_id AS v" + where));
      accountIds.addAll(values("SELECT DISTINCT account_id AS v" + where));
      values("SELECT DISTINCT user_email AS v" + where)
          .forEach(e -> mails.add(e.toLowerCase(Locale.ROOT)));
    }
    logins.addAll(
        values(
            "SELECT DISTINCT author_login AS v FROM pull_requests WHERE "
                + ErasurePlan.in("engineer_id", engineers)));
    logins.addAll(
        values(
            "SELECT DISTINCT reviewer_login AS v FROM pr_reviews WHERE "
                + ErasurePlan.in("reviewer_engineer_id", engineers)));
    logins.addAll(
        values(
            "SELECT DISTINCT pusher_login AS v FROM code_pushes WHERE "
                + ErasurePlan.in("engineer_id", engineers)));

    String pseudonym = Person.pseudonymOf(salt, engineers, mails);
    Person withoutKeys =
        new Person(engineers, mails, userIds, accountIds, apiKeyIds, logins, Set.of(), pseudonym);
    Set<String> keys =
        new HashSet<>(
            values(
                "SELECT DISTINCT entry_key AS v FROM directory WHERE "
                    + ErasurePlan.directoryRows(withoutKeys)));
    return new Person(engineers, mails, userIds, accountIds, apiKeyIds, logins, keys, pseudonym);
  }

  /**
   * The directory keys of the person whose latest version is not yet a delete: what tombstones must
   * remove.
   */
  public Set<String> liveDirectoryKeys(Person person) throws QueryFailedException {
    return values(
        "SELECT entry_key AS v FROM directory WHERE "
            + ErasurePlan.directoryRows(person)
            + " GROUP BY entry_key HAVING argMax(deleted, version) = 0");
  }

  private Set<String> values(String sql) throws QueryFailedException {
    Set<String> values = new HashSet<>();
    for (String v : clickhouse.query(sql, Map.of()).column("v")) {
      if (v != null && !v.isBlank()) {
        values.add(v);
      }
    }
    return values;
  }
}
