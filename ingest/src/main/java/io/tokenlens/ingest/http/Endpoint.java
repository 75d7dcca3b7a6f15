package io.tokenlens.ingest.http;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** One POST endpoint. */
public interface Endpoint {

  /** Short name used in metrics and dead letters, e.g. {@code otlp-http-logs}. */
  String name();

  /** Media types the endpoint reads (lowercase, no parameters); anything else is answered 415. */
  Set<String> mediaTypes();

  /**
   * Whether the endpoint needs a collector API key ({@code Authorization: Bearer}); webhooks
   * authenticate by their signature instead.
   */
  default boolean requiresApiKey() {
    return true;
  }

  /**
   * Checks what the headers alone can show, before the body is read: a webhook without its
   * signature or token header is refused here, so an unauthenticated client never makes the service
   * read (or gunzip) a body. Throws a 401 {@link HttpError}.
   *
   * @param headers header lookup by name (case-insensitive); null when absent
   */
  default void authenticateHeaders(Function<String, String> headers) {}

  /**
   * This endpoint's body limit, when it differs from the service's ({@code ingest.max.body.bytes}).
   */
  default Optional<BodyReader> bodyReader() {
    return Optional.empty();
  }

  /** The scope a key needs here; refused keys are answered 403. */
  default Scope scope() {
    return Scope.TELEMETRY;
  }

  /** Handles an authenticated request whose body is within the size limit. */
  Reply handle(IncomingRequest request) throws Exception;
}
