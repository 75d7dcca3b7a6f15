package io.tokenlens.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * An HTTP answer of the registry below 500.
 *
 * @param status HTTP status
 * @param body parsed JSON body (a missing node when the body was empty or not JSON)
 * @param url the URL that answered
 */
record RegistryResponse(int status, JsonNode body, URI url) {

  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The registry's {@code error_code}, else the HTTP status. */
  int errorCode() {
    JsonNode code = body.path("error_code");
    return code.isNumber() ? code.asInt() : status;
  }

  /** The registry's {@code message}, else the raw body. */
  String message() {
    JsonNode message = body.path("message");
    if (message.isTextual()) {
      return message.asText();
    }
    return body.isMissingNode() ? "HTTP " + status : body.toString();
  }

  /**
   * The exception for an answer that was not a success and that the caller has no more specific
   * mapping for.
   */
  SchemaRegistryException failure(String what) {
    if (status == 401 || status == 403) {
      return new RegistryAuthenticationException(url.toString(), status, message());
    }
    return new SchemaRegistryException(
        "Schema registry at "
            + url
            + " could not "
            + what
            + ": HTTP "
            + status
            + ", error code "
            + errorCode()
            + ": "
            + message(),
        status,
        errorCode());
  }
}
