package io.tokenlens.schemas.registry;

import org.apache.avro.Schema;

/**
 * The calls the serdes need from a Confluent-compatible schema registry (Confluent Schema Registry,
 * Apicurio's ccompat API, Karapace, or tokenlens' embedded registry).
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its id; registering a schema that is already registered returns the existing id.
   *
   * @throws IncompatibleSchemaException when the subject's compatibility rules refuse it
   */
  int register(String subject, Schema schema);

  /**
   * Returns the id of {@code schema} already registered under {@code subject} ({@code POST
   * /subjects/{subject}}).
   *
   * @throws SchemaNotRegisteredException when it is not registered there
   */
  int lookup(String subject, Schema schema);

  /**
   * Returns the schema with this id ({@code GET /schemas/ids/{id}}).
   *
   * @throws UnknownSchemaIdException when there is none
   */
  Schema schemaById(int id);

  /**
   * Returns the latest version registered under {@code subject} ({@code GET
   * /subjects/{subject}/versions/latest}).
   *
   * @throws SchemaNotRegisteredException when the subject has no version
   */
  RegisteredSchema latest(String subject);

  @Override
  default void close() {}
}
