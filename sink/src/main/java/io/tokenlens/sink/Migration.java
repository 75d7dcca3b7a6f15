package io.tokenlens.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned DDL file, {@code db/migrations/V<version>__<name>.sql}: statements separated by a
 * {@code ;} at the end of a line, {@code --} comment lines. Every statement must be idempotent
 * ({@code IF NOT EXISTS}, {@code CREATE OR REPLACE VIEW}), which is what makes the migrations safe
 * to run twice and from two sinks at once.
 *
 * @param version the version number
 * @param name the file name
 * @param statements the statements, in order
 * @param checksum SHA-256 of the file, recorded so a changed, already applied file is refused
 */
public record Migration(int version, String name, List<String> statements, String checksum) {

  /** Where the migration files live on the class path. */
  public static final String LOCATION = "db/migrations/";

  /**
   * The index file listing the migration files in order (class paths cannot be listed reliably).
   */
  public static final String INDEX = LOCATION + "migrations.txt";

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__[a-z0-9_]+\\.sql");

  /** Every migration on the class path, in version order. */
  public static List<Migration> load() {
    List<Migration> migrations = new ArrayList<>();
    for (String line : resource(INDEX).split("\n")) {
      String file = line.trim();
      if (!file.isEmpty()) {
        migrations.add(parse(file, resource(LOCATION + file)));
      }
    }
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
        throw new IllegalStateException(
            "Migrations out of order in " + INDEX + ": " + migrations.get(i).name());
      }
    }
    return List.copyOf(migrations);
  }

  /** Parses one migration file. */
  public static Migration parse(String fileName, String text) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Migration file name must be V<nnn>__<snake_case>.sql: " + fileName);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String statement : withoutComments.toString().split(";\\s*(\n|$)")) {
      if (!statement.isBlank()) {
        statements.add(statement.strip());
      }
    }
    return new Migration(
        Integer.parseInt(m.group(1)), fileName, List.copyOf(statements), sha256(text));
  }

  private static String resource(String path) {
    try (InputStream in = Migration.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing class-path resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + path, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
