package io.tokenlens.ingest.http;

import java.util.Set;

/** One POST endpoint. */
public interface Endpoint {

  /** Short name used in metrics and dead letters, e.g. {@code otlp-http-logs}. */
  String name();

  /** Media types the endpoint reads (lowercase, no parameters); anything else is answered 415. */
  Set<String> mediaTypes();

  /**
   * Whether the endpoint needs a collector API key ({@code Authorization: Bearer}); webhooks authenticate by
   * their signature instead.
   */
  default boolean requiresApiKey() {
    return true;
  }

  /** The scope a key needs here; refused keys are answered 403. */
  default Scope scope() {
    return Scope.TELEMETRY;
  }

  /** Handles an authenticated request whose body is within the size limit. */
  Reply handle(IncomingRequest request) throws Exception;
}
