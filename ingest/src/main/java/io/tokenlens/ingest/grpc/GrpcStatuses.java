package io.tokenlens.ingest.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/** The gRPC statuses of the OTLP services, as the OTLP specification assigns them. */
final class GrpcStatuses {
  private GrpcStatuses() {}

  /**
   * {@code UNAVAILABLE} (retryable) with a {@code google.rpc.RetryInfo} detail: Kafka cannot take
   * the records now. The OTLP specification signals back-pressure this way; exporters retry after
   * the given delay.
   */
  static StatusRuntimeException unavailable(String message, Duration retryAfter) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(message)
            .addDetails(
                Any.pack(
                    RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder()
                                .setSeconds(retryAfter.toSeconds()))
                        .build()))
            .build());
  }

  /** {@code INVALID_ARGUMENT} (not retryable): the message does not decode. */
  static StatusRuntimeException invalidArgument(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  /** {@code UNAUTHENTICATED} (not retryable): no or an unknown API key. */
  static Status unauthenticated() {
    return Status.UNAUTHENTICATED.withDescription(
        "missing or unknown API key: send the metadata 'authorization: Bearer <key>'");
  }

  /** {@code INTERNAL} (not retryable): an unexpected failure, logged by the service. */
  static StatusRuntimeException internal(Throwable cause) {
    return Status.INTERNAL
        .withDescription("internal error: " + cause.getClass().getSimpleName())
        .asRuntimeException();
  }
}
