package io.tokenlens.schemas.registry;

/** The registry refused a schema as incompatible with the subject's earlier versions (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final String subject;
  private final String registryMessage;

  public IncompatibleSchemaException(String subject, String registryMessage) {
    super(
        "Schema registry refused the schema for subject '"
            + subject
            + "' as incompatible: "
            + registryMessage,
        409,
        409);
    this.subject = subject;
    this.registryMessage = registryMessage;
  }

  public String subject() {
    return subject;
  }

  /** The registry's own explanation, unchanged. */
  public String registryMessage() {
    return registryMessage;
  }
}
