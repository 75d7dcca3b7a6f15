package io.tokenlens.registry;

import java.util.List;

/**
 * A failure answered to the client as {@code {"error_code": N, "message": "..."}}. The factory
 * methods word the messages the way Confluent Schema Registry does, so client logs read the same
 * against either registry.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  public RegistryException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public RegistryException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /**
   * Confluent's authorizer refusal, {@code User is denied operation Delete on Subject: s}, and why.
   */
  public static RegistryException forbidden(String operation, String resource, String why) {
    return new RegistryException(
        ErrorCode.FORBIDDEN,
        "User is denied operation " + operation + " on " + resource + ": " + why);
  }

  public static RegistryException subjectNotFound(String subject) {
    return new RegistryException(
        ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  public static RegistryException versionNotFound(int version) {
    return new RegistryException(ErrorCode.VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  public static RegistryException schemaNotFound() {
    return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found");
  }

  public static RegistryException schemaNotFound(int id) {
    return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  public static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(
        ErrorCode.SUBJECT_SOFT_DELETED,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  public static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(
        ErrorCode.SUBJECT_NOT_SOFT_DELETED,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  public static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(
        ErrorCode.VERSION_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted.Set permanent=true to delete permanently");
  }

  public static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(
        ErrorCode.VERSION_NOT_SOFT_DELETED,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  public static RegistryException subjectCompatibilityNotConfigured(String subject) {
    return new RegistryException(
        ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  public static RegistryException incompatibleSchema(String subject, List<String> details) {
    return new RegistryException(
        ErrorCode.INCOMPATIBLE_SCHEMA,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: ["
            + String.join(", ", details)
            + "]");
  }

  public static RegistryException invalidSchema(String message) {
    return new RegistryException(ErrorCode.INVALID_SCHEMA, message);
  }

  public static RegistryException invalidVersion(String version) {
    return new RegistryException(
        ErrorCode.INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  public static RegistryException invalidCompatibilityLevel() {
    return new RegistryException(
        ErrorCode.INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level. Valid values are none, backward, forward, full,"
            + " backward_transitive, forward_transitive, and full_transitive");
  }

  public static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(
        ErrorCode.STORE_ERROR, "Error in the backend data store - " + message, cause);
  }

  public static RegistryException operationTimeout(String message) {
    return new RegistryException(ErrorCode.OPERATION_TIMEOUT, "Operation timed out - " + message);
  }

  public static RegistryException forwardingError(String message, Throwable cause) {
    return new RegistryException(
        ErrorCode.FORWARDING_ERROR,
        "Error while forwarding the request to the primary - " + message,
        cause);
  }
}
