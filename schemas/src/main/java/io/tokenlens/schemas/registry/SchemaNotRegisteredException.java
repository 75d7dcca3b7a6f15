package io.tokenlens.schemas.registry;

/**
 * The schema is not registered under the subject (error codes 40401 subject not found, 40403 schema
 * not found), and this client may not register it ({@code auto.register.schemas=false}), or the
 * subject has no version at all.
 */
public class SchemaNotRegisteredException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  private final String subject;

  public SchemaNotRegisteredException(String subject, String detail, int errorCode) {
    super("Subject '" + subject + "': " + detail, 404, errorCode);
    this.subject = subject;
  }

  public String subject() {
    return subject;
  }
}
