package io.tokenlens.schemas.clickhouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access file of the local stack's ClickHouse endpoint ({@code localstack/chdb-http}, {@code
 * --access-file}), made from the SQL a clickhouse-server gets. The endpoint's engine cannot run
 * {@code CREATE USER}/{@code ROLE}/ {@code ROW POLICY} or {@code GRANT}; it reads roles, grants,
 * row policies and users from this file instead and enforces them itself. Only the statements below
 * are understood; any other is refused, naming it, so the local endpoint never silently lacks
 * something the SQL grants or restricts.
 *
 * <ul>
 *   <li>{@code CREATE ROLE [IF NOT EXISTS] r}
 *   <li>{@code GRANT <privileges> ON <database>.<table or *> TO r} (r a role of the statements)
 *   <li>{@code GRANT r TO u} (a user holds exactly one role)
 *   <li>{@code CREATE USER [IF NOT EXISTS] u IDENTIFIED WITH sha256_hash BY '<hex>'} or {@code ...
 *       BY '<password>'}, and {@code ALTER USER} of the same form
 *   <li>{@code CREATE ROW POLICY [IF NOT EXISTS] p ON <database>.<table> [FOR SELECT] USING
 *       <condition> TO r}
 * </ul>
 */
public final class LocalAccessFile {

  private static final String ID = "([A-Za-z_][A-Za-z0-9_]*)";
  private static final Pattern CREATE_ROLE =
      Pattern.compile("(?i)CREATE ROLE (?:IF NOT EXISTS )?" + ID);
  private static final Pattern GRANT_ON = Pattern.compile("(?i)GRANT (.+) ON (\\S+) TO " + ID);
  private static final Pattern GRANT_ROLE = Pattern.compile("(?i)GRANT " + ID + " TO " + ID);
  private static final Pattern USER =
      Pattern.compile(
          "(?i)(?:CREATE USER (?:IF NOT EXISTS )?|ALTER USER )"
              + ID
              + " IDENTIFIED (?:WITH (sha256_hash|plaintext_password|sha256_password) )?BY '([^'\\\\]*)'");
  private static final Pattern ROW_POLICY =
      Pattern.compile(
          "(?i)CREATE ROW POLICY (?:IF NOT EXISTS )?"
              + ID
              + " ON (\\S+\\.\\S+) (?:FOR SELECT )?USING (.+) TO "
              + ID);

  private LocalAccessFile() {}

  /**
   * The access file (JSON) of {@code statements}; fails naming every statement it cannot express.
   */
  public static String fromStatements(List<String> statements) {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    Map<String, String[]> users = new LinkedHashMap<>(); // name -> {kind, secret, role}
    List<String[]> policies = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String raw : statements) {
      String s = raw.strip().replaceAll("\\s+", " ");
      Matcher m;
      if ((m = CREATE_ROLE.matcher(s)).matches()) {
        roles.putIfAbsent(m.group(1), new ArrayList<>());
      } else if ((m = GRANT_ON.matcher(s)).matches() && roles.containsKey(m.group(3))) {
        roles.get(m.group(3)).add("GRANT " + m.group(1).strip() + " ON " + m.group(2));
      } else if ((m = GRANT_ROLE.matcher(s)).matches()
          && roles.containsKey(m.group(1))
          && users.containsKey(m.group(2))) {
        String[] user = users.get(m.group(2));
        if (user[2] != null && !user[2].equals(m.group(1))) {
          errors.add(
              s
                  + ": the user "
                  + m.group(2)
                  + " already holds the role "
                  + user[2]
                  + " (a user of the local endpoint holds exactly one role)");
        }
        user[2] = m.group(1);
      } else if ((m = USER.matcher(s)).matches()
          && (s.regionMatches(true, 0, "CREATE", 0, 6) || users.containsKey(m.group(1)))) {
        boolean hashed = "sha256_hash".equalsIgnoreCase(m.group(2));
        String[] previous = users.get(m.group(1));
        users.put(
            m.group(1),
            new String[] {
              hashed ? "password_sha256_hex" : "password",
              m.group(3),
              previous == null ? null : previous[2]
            });
      } else if ((m = ROW_POLICY.matcher(s)).matches() && roles.containsKey(m.group(4))) {
        policies.add(new String[] {m.group(2), m.group(4), m.group(3).strip()});
      } else {
        errors.add(s);
      }
    }
    users.forEach(
        (name, u) -> {
          if (u[2] == null) {
            errors.add("the user " + name + " is granted no role");
          }
        });
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "The local ClickHouse endpoint cannot express these access statements "
              + "(it understands CREATE ROLE, GRANT ... ON ... TO <role>, GRANT <role> TO <user>, CREATE/ALTER USER ... "
              + "IDENTIFIED, CREATE ROW POLICY ... TO <role>):\n  - "
              + String.join("\n  - ", errors));
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode rolesNode = root.putObject("roles");
    roles.forEach((name, grants) -> grants.forEach(rolesNode.withArray(name)::add));
    roles.keySet().stream().filter(r -> !rolesNode.has(r)).forEach(rolesNode::putArray);
    ArrayNode policyNode = root.putArray("rowPolicies");
    for (String[] p : policies) {
      policyNode.addObject().put("table", p[0]).put("role", p[1]).put("using", p[2]);
    }
    ObjectNode usersNode = root.putObject("users");
    users.forEach((name, u) -> usersNode.putObject(name).put(u[0], u[1]).put("role", u[2]));
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
