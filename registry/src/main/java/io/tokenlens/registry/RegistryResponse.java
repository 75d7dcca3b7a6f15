package io.tokenlens.registry;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers: a status and a JSON body, or a raw schema text. */
public record RegistryResponse(int status, byte[] body, boolean raw) {

  public static RegistryResponse ok(Object json) {
    return new RegistryResponse(200, Json.bytes(json), false);
  }

  /** The schema text itself, as {@code .../schema} endpoints answer it. */
  public static RegistryResponse raw(String text) {
    return new RegistryResponse(200, text.getBytes(StandardCharsets.UTF_8), true);
  }

  public static RegistryResponse error(ErrorCode code, String message) {
    return new RegistryResponse(
        code.httpStatus(),
        Json.bytes(Json.object("error_code", code.code(), "message", message)),
        false);
  }
}
