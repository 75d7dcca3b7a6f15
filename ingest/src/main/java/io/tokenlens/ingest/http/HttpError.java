package io.tokenlens.ingest.http;

import java.util.List;

/**
 * A request the service refuses, answered with {@code status} and a JSON body {@code {"error":
 * code, "message": ..., "details": [...]}}.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<String> details;

  public HttpError(int status, String code, String message, List<String> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public HttpError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static HttpError badRequest(String message, List<String> details) {
    return new HttpError(400, "malformed", message, details);
  }

  public static HttpError badRequest(String message) {
    return badRequest(message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> details() {
    return details;
  }
}
