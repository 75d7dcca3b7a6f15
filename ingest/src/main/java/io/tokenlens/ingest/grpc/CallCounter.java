package io.tokenlens.ingest.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tokenlens.ingest.metrics.IngestMetrics;

/**
 * Counts the OTLP/gRPC calls answered, by component and status code ({@code
 * tokenlens_ingest_grpc_calls_total}).
 */
final class CallCounter implements ServerInterceptor {
  private final String component;
  private final IngestMetrics metrics;

  CallCounter(String component, IngestMetrics metrics) {
    this.component = component;
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            metrics.grpcCall(component, status.getCode().name());
            super.close(status, trailers);
          }
        },
        headers);
  }
}
