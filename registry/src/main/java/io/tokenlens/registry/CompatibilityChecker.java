package io.tokenlens.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate schema may follow the earlier versions of a subject, with Avro's own
 * {@link SchemaCompatibility}: backward means the candidate (reader) reads data of an earlier
 * version (writer), forward the other way round, full both. Non-transitive levels check the latest
 * version only, transitive ones every given version, newest first, stopping at the first
 * incompatible one. Messages follow the shape Confluent answers with {@code ?verbose=true}.
 */
public final class CompatibilityChecker {

  /** An earlier, live version of the subject. */
  public record Previous(int version, Schema schema, String text) {}

  /**
   * Checks {@code candidate} against {@code previous} (oldest first).
   *
   * @return the reasons it is incompatible; empty when it is compatible
   */
  public List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Previous> toCheck =
        level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
    for (int i = toCheck.size() - 1; i >= 0; i--) {
      Previous old = toCheck.get(i);
      List<String> messages = new ArrayList<>();
      if (level.backward()) {
        messages.addAll(
            describe(
                SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()),
                "new",
                "old"));
      }
      if (level.forward()) {
        messages.addAll(
            describe(
                SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate),
                "old",
                "new"));
      }
      if (!messages.isEmpty()) {
        messages.add("{oldSchemaVersion: " + old.version() + "}");
        messages.add("{oldSchema: '" + old.text() + "'}");
        messages.add("{compatibility: '" + level + "'}");
        return messages;
      }
    }
    return List.of();
  }

  private static List<String> describe(SchemaPairCompatibility pair, String reader, String writer) {
    List<String> messages = new ArrayList<>();
    for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
      messages.add(
          "{errorType:'"
              + incompatibility.getType()
              + "', description:'"
              + description(incompatibility, reader, writer)
              + "', additionalInfo:'"
              + incompatibility.getMessage()
              + "'}");
    }
    return messages;
  }

  private static String description(Incompatibility incompatibility, String reader, String writer) {
    String path = incompatibility.getLocation();
    return switch (incompatibility.getType()) {
      case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
      case FIXED_SIZE_MISMATCH ->
          "The size of FIXED type field at path '"
              + path
              + "' in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
      case MISSING_ENUM_SYMBOLS ->
          "The "
              + reader
              + " schema is missing enum symbols '"
              + incompatibility.getMessage()
              + "' at path '"
              + path
              + "' in the "
              + writer
              + " schema";
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "The field '"
              + incompatibility.getMessage()
              + "' at path '"
              + path
              + "' in the "
              + reader
              + " schema has no default value and is"
              + " missing in the "
              + writer
              + " schema";
      case TYPE_MISMATCH ->
          "The type (path '"
              + path
              + "') of a field in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
      case MISSING_UNION_BRANCH ->
          "The "
              + reader
              + " schema is missing a type inside a union"
              + " field at path '"
              + path
              + "' in the "
              + writer
              + " schema";
      default ->
          "The "
              + reader
              + " schema cannot read data written with the "
              + writer
              + " schema at path '"
              + path
              + "'";
    };
  }
}
