package io.tokenlens.schemas.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The roles of tokenlens in ClickHouse, their grants and the users holding them, as SQL statements:
 * the sink runs them on a clickhouse-server after its migrations, and the local stack turns the
 * same statements into the access file of its ClickHouse endpoint ({@link LocalAccessFile}). The
 * roles and grants are {@value #TEMPLATE}.
 */
public final class ClickHouseAccess {

  /**
   * The class-path resource with the role and grant statements; {@code {database}} is the sink's
   * database.
   */
  public static final String TEMPLATE = "clickhouse/access.sql";

  /** SELECT on every table and view of the database. */
  public static final String READER_ROLE = "tokenlens_reader";

  /** INSERT into the sink's tables. */
  public static final String SINK_ROLE = "tokenlens_sink";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * A user to create, with its password (clear text; only its SHA-256 reaches ClickHouse) and its
   * one role.
   */
  public record User(String name, String password, String role) {
    public User {
      requireName("user", name);
      requireName("role", role);
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("the ClickHouse user " + name + " needs a password");
      }
    }

    @Override
    public String toString() {
      return "User[" + name + ", role " + role + ", password redacted]";
    }
  }

  private ClickHouseAccess() {}

  /** The role and grant statements for {@code database}, in order. */
  public static List<String> roleStatements(String database) {
    requireName("database", database);
    return split(template().replace("{database}", database));
  }

  /**
   * The statements creating {@code user} or, when it exists, setting its password, and granting its
   * role. The password travels as its SHA-256 ({@code IDENTIFIED WITH sha256_hash}).
   */
  public static List<String> userStatements(User user) {
    String identified = " IDENTIFIED WITH sha256_hash BY '" + sha256Hex(user.password()) + "'";
    return List.of(
        "CREATE USER IF NOT EXISTS " + user.name() + identified,
        "ALTER USER " + user.name() + identified,
        "GRANT " + user.role() + " TO " + user.name());
  }

  /** The roles and grants, then every user's statements. */
  public static List<String> statements(String database, List<User> users) {
    List<String> all = new ArrayList<>(roleStatements(database));
    users.forEach(u -> all.addAll(userStatements(u)));
    return List.copyOf(all);
  }

  /** Statements separated by a {@code ;} at the end of a line, without {@code --} comment lines. */
  public static List<String> split(String sql) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";\\s*(\n|$)")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip().replaceAll("\\s+", " "));
      }
    }
    return List.copyOf(statements);
  }

  /** The lowercase hex SHA-256 of {@code text} (UTF-8). */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String template() {
    try (InputStream in = ClickHouseAccess.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("Missing class-path resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + TEMPLATE, e);
    }
  }

  private static void requireName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "the ClickHouse " + what + " name must be a plain identifier but is '" + name + "'");
    }
  }
}
