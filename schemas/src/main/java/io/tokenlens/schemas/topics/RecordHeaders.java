package io.tokenlens.schemas.topics;

/**
 * Kafka record headers that are part of the topic contract, next to the Avro value. A header is set
 * by whoever produced the record and is not part of the value, so nothing a client sends in a
 * payload can change it.
 */
public final class RecordHeaders {

  /**
   * The credential the collectors accepted a record's request with, as UTF-8 text: {@code
   * api-key:<fingerprint>} for an API key (the first 16 hex digits of the SHA-256 of the key's
   * configured id: never the secret), the sender's verification for a webhook ({@code
   * github-signature}, {@code gitlab-token}, {@code pagerduty-signature}, {@code opsgenie-token});
   * absent on records published without either (the command-line loaders and imports, {@code
   * ingest.auth.required=false}). The streams job keeps it on what it forwards from {@code
   * token-usage}.
   */
  public static final String AUTHENTICATED_BY = "tokenlens-authenticated-by";

  private RecordHeaders() {}
}
