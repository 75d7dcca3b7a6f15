package io.tokenlens.schemas.registry;

/** The registry refused the credentials (HTTP 401) or the permission (HTTP 403). */
public class RegistryAuthenticationException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public RegistryAuthenticationException(String url, int httpStatus, String registryMessage) {
    super(
        "Schema registry at "
            + url
            + " answered "
            + httpStatus
            + " ("
            + registryMessage
            + "): check "
            + "basic.auth.credentials.source / basic.auth.user.info or bearer.auth.token",
        httpStatus,
        httpStatus);
  }
}
