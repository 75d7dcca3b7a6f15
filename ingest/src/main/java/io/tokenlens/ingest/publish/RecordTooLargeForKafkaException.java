package io.tokenlens.ingest.publish;

/**
 * Kafka refused a record for good because of its size (over the producer's {@code max.request.size}
 * or the topic's {@code max.message.bytes}): retrying the same request cannot succeed (HTTP 413,
 * gRPC {@code INVALID_ARGUMENT}). Other records of the same request may have landed, as for any
 * refusal; their stable event ids make a corrected resend harmless downstream.
 */
public final class RecordTooLargeForKafkaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordTooLargeForKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
