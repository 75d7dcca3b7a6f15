package io.tokenlens.sink;

import com.clickhouse.client.api.query.GenericRecord;
import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the roles and users of {@link ClickHouseAccess} after the migrations, as the migrations
 * user. On a ClickHouse that stores access entities created by SQL (clickhouse-server) it runs the
 * statements; every one is idempotent and the passwords are set again, so a changed password takes
 * effect at the next start. On one that cannot (the local stack's endpoint, which reads them from
 * an access file made of the same statements) it checks instead that every role exists with exactly
 * the grants of the statements, and refuses to continue otherwise.
 */
public final class AccessSetup {

  private static final Logger log = LoggerFactory.getLogger(AccessSetup.class);
  private static final Pattern ROLE_GRANT =
      Pattern.compile("GRANT (.+) ON (\\S+) TO ([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern CREATE_ROLE =
      Pattern.compile("CREATE ROLE IF NOT EXISTS ([A-Za-z_][A-Za-z0-9_]*)");

  private final ClickHouseWriter admin;

  /**
   * @param admin a connection as the migrations user
   */
  public AccessSetup(ClickHouseWriter admin) {
    this.admin = admin;
  }

  /** Creates (or checks) the roles for {@code database} and creates {@code users}. */
  public void apply(String database, List<ClickHouseAccess.User> users) throws Exception {
    if (sqlAccessStorage()) {
      for (String statement : ClickHouseAccess.statements(database, users)) {
        admin.execute(statement);
      }
      log.info(
          "Roles {} and {} granted on {}; users {}",
          ClickHouseAccess.READER_ROLE,
          ClickHouseAccess.SINK_ROLE,
          database,
          users.stream().map(ClickHouseAccess.User::name).toList());
      return;
    }
    checkRoles(ClickHouseAccess.roleStatements(database));
    log.info(
        "This ClickHouse keeps no access entities created by SQL; its roles match the statements for {}; its "
            + "users come from its own configuration",
        database);
  }

  /**
   * Whether the server has a user directory that takes CREATE USER / ROLE (clickhouse-server's
   * local directory).
   */
  boolean sqlAccessStorage() throws Exception {
    return !admin
        .query(
            "SELECT name FROM system.user_directories "
                + "WHERE type IN ('local_directory', 'memory', 'replicated')")
        .isEmpty();
  }

  private void checkRoles(List<String> statements) throws Exception {
    List<String> problems = new ArrayList<>();
    for (String statement : statements) {
      Matcher role = CREATE_ROLE.matcher(statement);
      if (!role.matches()) {
        continue;
      }
      String name = role.group(1);
      Set<String> expected = new TreeSet<>();
      for (String s : statements) {
        Matcher g = ROLE_GRANT.matcher(s);
        if (g.matches() && g.group(3).equals(name)) {
          expected.add(s);
        }
      }
      Set<String> actual = grantsOf(name);
      if (actual == null) {
        problems.add("the role " + name + " does not exist");
        continue;
      }
      for (String missing : difference(expected, actual)) {
        problems.add("missing: " + missing);
      }
      for (String extra : difference(actual, expected)) {
        problems.add("not in the statements: " + extra);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "This ClickHouse cannot create roles by SQL, and the roles it has differ from "
              + "the statements of "
              + ClickHouseAccess.TEMPLATE
              + " (start the local endpoint with the access file made "
              + "from them):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  /** The role's grants in the form of the statements, or null when there is no such role. */
  private Set<String> grantsOf(String role) throws Exception {
    if (admin.query("SELECT name FROM system.roles WHERE name = '" + role + "'").isEmpty()) {
      return null;
    }
    Set<String> grants = new TreeSet<>();
    for (GenericRecord r :
        admin.query(
            "SELECT access_type, ifNull(database, '*') AS db, ifNull(table, '*') AS tbl, "
                + "ifNull(column, '') AS col, grant_option, is_partial_revoke FROM system.grants WHERE role_name = '"
                + role
                + "'")) {
      String column = r.getString("col").isEmpty() ? "" : "(" + r.getString("col") + ")";
      String text =
          (r.getBoolean("is_partial_revoke") ? "REVOKE " : "GRANT ")
              + r.getString("access_type")
              + column
              + " ON "
              + r.getString("db")
              + "."
              + r.getString("tbl")
              + " TO "
              + role
              + (r.getBoolean("grant_option") ? " WITH GRANT OPTION" : "");
      grants.add(text);
    }
    return grants;
  }

  private static List<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).toList();
  }
}
