package io.tokenlens.registry;

import java.util.Locale;

/**
 * The body of a register, lookup or compatibility request. Only Avro without references is
 * supported; the other schema types and references are refused with 42201.
 */
public record SchemaRequest(String schema, String schemaType, int referenceCount) {

  /** Parses the schema after checking its type and references. */
  public ParsedSchema parse() {
    if (schemaType != null && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
      throw RegistryException.invalidSchema(
          "Invalid schema type "
              + schemaType
              + ": this registry supports AVRO only (PROTOBUF and JSON are not supported)");
    }
    if (referenceCount > 0) {
      throw RegistryException.invalidSchema(
          "Schema references are not supported by this registry: inline the referenced types");
    }
    return ParsedSchema.parse(schema);
  }
}
