package io.tokenlens.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * An Avro schema as registered: the text exactly as the client sent it, the parsed schema and the
 * canonical form that decides identity. The canonical form is the parsed schema printed back
 * ({@link Schema#toString()}), as Confluent compares schemas: whitespace and key order do not
 * matter, every attribute Avro keeps (docs, defaults, aliases, logical types) does.
 */
public record ParsedSchema(String text, Schema schema, String canonical) {

  /**
   * Parses {@code text} with Avro's own parser (names and defaults validated).
   *
   * @throws RegistryException 42201 with the parser's message when it is not a valid Avro schema
   */
  public static ParsedSchema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidSchema("Empty schema");
    }
    try {
      Schema schema = new Schema.Parser().parse(text);
      return new ParsedSchema(text, schema, schema.toString());
    } catch (SchemaParseException e) {
      throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage());
    } catch (NullPointerException e) {
      // Avro 1.12 reports an undefined top-level type name this way
      throw RegistryException.invalidSchema(
          "Invalid schema: Undefined schema: " + topLevelType(text));
    } catch (RuntimeException e) {
      // AvroTypeException for bad defaults, and the odd unchecked exception on malformed input
      throw RegistryException.invalidSchema(
          "Invalid schema: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String topLevelType(String text) {
    try {
      JsonNode node = new ObjectMapper().readTree(text);
      return node.isObject() ? node.path("type").toString() : node.toString();
    } catch (JsonProcessingException e) {
      return text;
    }
  }
}
