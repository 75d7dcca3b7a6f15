package io.tokenlens.report.erase;

import java.util.List;
import java.util.Locale;

/**
 * Which column names hold personal data: identities (emails, logins, user, account and API key
 * ids), engineer ids, display names, and the columns that carry any of them as a key or payload. A
 * new column with such a name must be covered by a step of the {@link ErasurePlan}; the tests check
 * the sink's schema against this rule.
 */
public final class PersonalColumns {

  private static final List<String> NAME_PARTS =
      List.of(
          "email",
          "login",
          "user_id",
          "account_id",
          "api_key_id",
          "engineer_id",
          "subject_id",
          "display_name");
  private static final List<String> NAMES =
      List.of("identity_identity", "entry_key", "dimension_value", "key", "payload");

  private PersonalColumns() {}

  /** Whether a column of this name holds personal data. */
  public static boolean isPersonal(String column) {
    String name = column.toLowerCase(Locale.ROOT);
    return NAMES.contains(name) || NAME_PARTS.stream().anyMatch(name::contains);
  }
}
