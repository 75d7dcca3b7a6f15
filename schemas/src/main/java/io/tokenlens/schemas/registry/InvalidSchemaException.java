package io.tokenlens.schemas.registry;

/** The registry refused a schema as invalid (HTTP 422, error codes 42201 and 42202). */
public class InvalidSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String subject, String registryMessage, int errorCode) {
    super(
        "Schema registry refused the schema for subject '"
            + subject
            + "' as invalid: "
            + registryMessage,
        422,
        errorCode);
  }
}
