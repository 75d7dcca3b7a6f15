package io.tokenlens.schemas.registry;

/**
 * The registry knows no schema with this id (error code 40403 on {@code GET /schemas/ids/{id}}).
 */
public class UnknownSchemaIdException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, String registryUrl, String registryMessage) {
    super(
        "Schema id "
            + schemaId
            + " is not known to the schema registry at "
            + registryUrl
            + " ("
            + registryMessage
            + "): the record was written against another registry, or the schema was deleted",
        404,
        40403);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
