package io.tokenlens.ingest.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.otlp.OtlpExport;
import io.tokenlens.ingest.otlp.OtlpSignal;
import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.RecordTooLargeForKafkaException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OTLP collector service ({@code LogsService}, {@code MetricsService} or {@code TraceService})
 * with its unary {@code Export} method, defined by hand from the {@code opentelemetry-proto}
 * messages (that jar ships no gRPC stubs). Each call decodes its message and goes through the same
 * {@link OtlpExport} as OTLP/HTTP: success with {@code partial_success} for dead-lettered items,
 * {@code INVALID_ARGUMENT} for an undecodable message, {@code UNAVAILABLE} with {@code RetryInfo}
 * when Kafka cannot take the records now.
 */
final class OtlpGrpcService implements ServerCalls.UnaryMethod<RequestBytes, Message> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcService.class);

  private final OtlpSignal signal;
  private final OtlpExport export;
  private final IngestMetrics metrics;
  private final Duration retryAfter;
  private final String component;

  OtlpGrpcService(
      OtlpSignal signal, OtlpExport export, IngestMetrics metrics, Duration retryAfter) {
    this.signal = signal;
    this.export = export;
    this.metrics = metrics;
    this.retryAfter = retryAfter;
    this.component = signal.component("grpc");
  }

  String component() {
    return component;
  }

  /**
   * The service with its {@code Export} method: request read as bytes, response written by
   * protobuf.
   */
  @SuppressWarnings("unchecked")
  ServerServiceDefinition definition() {
    MethodDescriptor<RequestBytes, Message> method =
        MethodDescriptor.<RequestBytes, Message>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(signal.grpcService(), "Export"))
            .setRequestMarshaller(RequestBytes.MARSHALLER)
            .setResponseMarshaller(
                (MethodDescriptor.Marshaller<Message>)
                    (MethodDescriptor.Marshaller<?>)
                        ProtoUtils.marshaller(signal.responsePrototype()))
            .build();
    return ServerServiceDefinition.builder(signal.grpcService())
        .addMethod(method, ServerCalls.asyncUnaryCall(this))
        .build();
  }

  @Override
  public void invoke(RequestBytes request, StreamObserver<Message> responses) {
    if (request.failure() != null) {
      metrics.rejected(
          component,
          request.failure().getCode() == Status.Code.RESOURCE_EXHAUSTED ? "too_large" : "malformed",
          1);
      responses.onError(request.failure().asRuntimeException());
      return;
    }
    try {
      Message decoded = signal.parse(request.bytes());
      Message response =
          export.export(
              signal,
              decoded,
              new OtlpExport.Origin(
                  component,
                  ApiKeyInterceptor.USER_AGENT.get(),
                  ApiKeyInterceptor.API_KEY_ID.get(),
                  "application/grpc"));
      responses.onNext(response);
      responses.onCompleted();
    } catch (InvalidProtocolBufferException e) {
      metrics.rejected(component, "malformed", 1);
      responses.onError(
          GrpcStatuses.invalidArgument(
              "message is not a valid protobuf "
                  + signal.requestPrototype().getDescriptorForType().getFullName()
                  + ": "
                  + e.getMessage()));
    } catch (BackPressureException e) {
      metrics.rejected(component, "unavailable", 1);
      responses.onError(GrpcStatuses.unavailable(e.getMessage(), retryAfter));
    } catch (RecordTooLargeForKafkaException e) {
      metrics.rejected(component, "too_large", 1);
      responses.onError(GrpcStatuses.invalidArgument(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      metrics.rejected(component, "unavailable", 1);
      responses.onError(GrpcStatuses.unavailable("the service is stopping", retryAfter));
    } catch (RuntimeException e) {
      LOG.error("{} Export failed", component, e);
      metrics.rejected(component, "internal", 1);
      responses.onError(GrpcStatuses.internal(e));
    }
  }
}
