package io.tokenlens.report.erase;

import io.tokenlens.report.erase.ErasureStep.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What erasing one person does to every table of the sink's schema (docs/privacy.md explains each
 * choice). Raw events are deleted; figures a team keeps (hourly and daily cost, pull requests and
 * their cost, reviews, pushes, waste findings) stay with the person replaced by the pseudonym. The
 * directory goes last: identities are resolved from it first.
 */
public final class ErasurePlan {

  /**
   * Tables without personal data: they are left alone, and the schema test requires every table to
   * be listed.
   */
  public static final Set<String> NO_PERSONAL_DATA =
      Set.of("incidents", "incident_links", "model_prices", "schema_migrations");

  /** Directory tombstone rows whose key has no live row left. */
  static final String ORPHAN_TOMBSTONES =
      "deleted = 1 AND entry_key NOT IN (SELECT entry_key FROM directory WHERE deleted = 0)";

  private static final List<ErasureStep> STEPS =
      List.of(
          delete(
              "token_usage",
              List.of("user_id", "user_email", "account_id", "api_key_id", "engineer_id"),
              ErasurePlan::rawIdentities),
          delete(
              "token_usage_raw",
              List.of("user_id", "user_email", "account_id", "api_key_id", "engineer_id"),
              ErasurePlan::rawIdentities),
          delete(
              "agent_activity",
              List.of("user_id", "user_email", "account_id", "api_key_id", "engineer_id"),
              ErasurePlan::rawIdentities),
          delete(
              "usage_metrics",
              List.of(
                  "user_id", "user_email", "account_id", "api_key_id", "engineer_id", "attributes"),
              p ->
                  rawIdentities(p)
                      + " OR arrayExists(v -> has("
                      + SqlLiterals.array(p.emails())
                      + ", lower(v)) OR has("
                      + SqlLiterals.array(p.allValues())
                      + ", v), mapValues(attributes))"),
          delete(
              "provider_usage",
              List.of("user_id", "user_email", "api_key_id", "engineer_id", "event_id"),
              p ->
                  in("engineer_id", p.engineerIds())
                      + " OR "
                      + inEmails("user_email", p)
                      + " OR "
                      + in("user_id", p.userIds())
                      + " OR "
                      + in("api_key_id", p.apiKeyIds())),
          copy("usage_1h", "hour"),
          copy("usage_1d", "day"),
          delete(
              "usage_1m",
              List.of("dimension_value"),
              p -> "dimension = 'ENGINEER' AND " + in("dimension_value", p.engineerIds())),
          update(
              "pull_requests",
              List.of("author_login", "engineer_id"),
              p -> in("engineer_id", p.engineerIds()) + " OR " + in("author_login", p.logins()),
              p ->
                  "author_login = "
                      + SqlLiterals.string(p.pseudonym())
                      + ", engineer_id = "
                      + SqlLiterals.string(p.pseudonym())
                      + ", title = "
                      + scrubbed("title", p)),
          update(
              "pr_reviews",
              List.of("reviewer_login", "reviewer_engineer_id"),
              p ->
                  in("reviewer_engineer_id", p.engineerIds())
                      + " OR "
                      + in("reviewer_login", p.logins()),
              p ->
                  "reviewer_login = "
                      + SqlLiterals.string(p.pseudonym())
                      + ", reviewer_engineer_id = "
                      + SqlLiterals.string(p.pseudonym())),
          update(
              "pr_reviews",
              List.of("pull_request_author_login"),
              p -> in("pull_request_author_login", p.logins()),
              p -> "pull_request_author_login = " + SqlLiterals.string(p.pseudonym())),
          update(
              "code_pushes",
              List.of("pusher_login", "engineer_id"),
              p -> in("engineer_id", p.engineerIds()) + " OR " + in("pusher_login", p.logins()),
              p ->
                  "pusher_login = "
                      + SqlLiterals.string(p.pseudonym())
                      + ", engineer_id = "
                      + SqlLiterals.string(p.pseudonym())),
          update(
              "code_pushes",
              List.of("commit_author_emails"),
              p ->
                  "arrayExists(e -> has("
                      + SqlLiterals.array(p.emails())
                      + ", lower(e)), commit_author_emails)",
              p ->
                  "commit_author_emails = arrayMap(e -> if(has("
                      + SqlLiterals.array(p.emails())
                      + ", lower(e)), "
                      + SqlLiterals.string(p.pseudonym())
                      + ", e), commit_author_emails)"),
          // finding ids of per-engineer patterns (OVERNIGHT_PADDING, DUPLICATE_GENERATION) contain
          // the engineer id, and
          // finding_id is in the sorting key: a copy under the pseudonym replaces the rows
          new ErasureStep(
              "waste_findings",
              Action.PSEUDONYMISE_BY_COPY,
              List.of("engineer_id", "finding_id", "summary"),
              p -> in("engineer_id", p.engineerIds()),
              p ->
                  scrubbed("finding_id", p)
                      + " AS erased_finding_id, pattern, version, detected_at, "
                      + SqlLiterals.string(p.pseudonym())
                      + " AS pseudonym, team, session_id, repository, pull_request_number, "
                      + "service, window_start, window_end, tokens, estimated_wasted_cost_usd, evidence, "
                      + scrubbed("summary", p)
                      + " AS erased_summary, kafka_partition, kafka_offset, inserted_at"),
          update(
              "pr_attribution",
              List.of("author_engineer_id", "engineer_ids"),
              p ->
                  in("author_engineer_id", p.engineerIds())
                      + " OR hasAny(engineer_ids, "
                      + SqlLiterals.array(p.engineerIds())
                      + ")",
              p ->
                  "author_engineer_id = if("
                      + in("author_engineer_id", p.engineerIds())
                      + ", "
                      + SqlLiterals.string(p.pseudonym())
                      + ", author_engineer_id), engineer_ids = arrayMap(e -> if(has("
                      + SqlLiterals.array(p.engineerIds())
                      + ", e), "
                      + SqlLiterals.string(p.pseudonym())
                      + ", e), engineer_ids)"),
          delete(
              "burn_alerts",
              List.of("subject_id"),
              p -> "subject_kind = 'ENGINEER' AND " + in("subject_id", p.engineerIds())),
          delete(
              "late_records",
              List.of("key", "payload"),
              p ->
                  in("key", p.allValues())
                      + (p.allValues().isEmpty()
                          ? ""
                          : " OR multiSearchAnyCaseInsensitive(tryBase64Decode(payload), "
                              + SqlLiterals.array(p.allValues())
                              + ")")),
          delete(
              "directory",
              List.of(
                  "entry_key",
                  "identity_identity",
                  "identity_engineer_id",
                  "engineer_engineer_id",
                  "engineer_display_name",
                  "budget_subject_id"),
              ErasurePlan::directoryRows),
          // the sink stores a tombstone as a deleted = 1 row keyed by the identity; once the live
          // rows of that key are
          // gone (above, by this or an earlier erasure) such a row shadows nothing and only names
          // the identity
          delete("directory", List.of(), p -> ORPHAN_TOMBSTONES));

  private ErasurePlan() {}

  /** The steps, in the order they run. */
  public static List<ErasureStep> steps() {
    return STEPS;
  }

  /** Every table the plan touches. */
  public static Set<String> tables() {
    Set<String> tables = new LinkedHashSet<>();
    STEPS.forEach(s -> tables.add(s.table()));
    return tables;
  }

  /** Every {@code table.column} holding personal data that some step clears. */
  public static Set<String> coveredColumns() {
    Set<String> columns = new TreeSet<>();
    STEPS.forEach(s -> columns.addAll(s.qualifiedColumns()));
    return columns;
  }

  /**
   * The person's rows of the directory: their identities, their engineer entries and their budgets.
   */
  static String directoryRows(Person p) {
    List<String> parts = new ArrayList<>();
    parts.add(in("entry_key", p.directoryKeys()));
    parts.add(in("identity_engineer_id", p.engineerIds()));
    parts.add(in("engineer_engineer_id", p.engineerIds()));
    parts.add(
        "(budget_subject_kind = 'ENGINEER' AND " + in("budget_subject_id", p.engineerIds()) + ")");
    parts.add(inEmails("identity_identity", p));
    Set<String> others = new TreeSet<>(p.userIds());
    others.addAll(p.accountIds());
    others.addAll(p.apiKeyIds());
    others.addAll(p.logins());
    parts.add(in("identity_identity", others));
    return String.join(" OR ", parts);
  }

  /** Rows of the event tables that carry any of the person's raw identities or engineer ids. */
  static String rawIdentities(Person p) {
    return in("engineer_id", p.engineerIds())
        + " OR "
        + inEmails("user_email", p)
        + " OR "
        + in("user_id", p.userIds())
        + " OR "
        + in("account_id", p.accountIds())
        + " OR "
        + in("api_key_id", p.apiKeyIds());
  }

  static String in(String column, Set<String> values) {
    return "has(" + SqlLiterals.array(values) + ", ifNull(" + column + ", ''))";
  }

  static String inEmails(String column, Person p) {
    return "has(" + SqlLiterals.array(p.emails()) + ", lower(ifNull(" + column + ", '')))";
  }

  /**
   * {@code column} with every identity of the person replaced by the pseudonym (free text that may
   * name them).
   */
  static String scrubbed(String column, Person p) {
    String expression = column;
    for (String value : p.allValues()) {
      expression =
          "replaceAll("
              + expression
              + ", "
              + SqlLiterals.string(value)
              + ", "
              + SqlLiterals.string(p.pseudonym())
              + ")";
    }
    return expression;
  }

  private static ErasureStep delete(
      String table, List<String> columns, Function<Person, String> condition) {
    return new ErasureStep(table, Action.DELETE, columns, condition, p -> "");
  }

  private static ErasureStep update(
      String table,
      List<String> columns,
      Function<Person, String> condition,
      Function<Person, String> assignments) {
    return new ErasureStep(table, Action.PSEUDONYMISE, columns, condition, assignments);
  }

  /**
   * usage_1h / usage_1d: the person's sums re-inserted under the pseudonym (SummingMergeTree adds
   * them up).
   */
  private static ErasureStep copy(String table, String timeColumn) {
    return new ErasureStep(
        table,
        Action.PSEUDONYMISE_BY_COPY,
        List.of("engineer_id"),
        p -> in("engineer_id", p.engineerIds()),
        // by position; the pseudonym's alias must not be a column name, or the WHERE clause would
        // read the alias
        p ->
            timeColumn
                + ", team, "
                + SqlLiterals.string(p.pseudonym())
                + " AS pseudonym, model, tool, requests, "
                + "errors, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd");
  }
}
