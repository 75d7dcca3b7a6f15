package io.tokenlens.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * The three OTLP signals: their HTTP path, their gRPC collector service, their request and response
 * messages, and which {@link OtlpMapper} method maps them. Transport-neutral; the HTTP endpoint and
 * the gRPC services both use it.
 */
public enum OtlpSignal {
  LOGS(
      "/v1/logs",
      "opentelemetry.proto.collector.logs.v1.LogsService",
      "logs",
      ExportLogsServiceRequest.getDefaultInstance(),
      ExportLogsServiceResponse.getDefaultInstance()),
  METRICS(
      "/v1/metrics",
      "opentelemetry.proto.collector.metrics.v1.MetricsService",
      "metrics",
      ExportMetricsServiceRequest.getDefaultInstance(),
      ExportMetricsServiceResponse.getDefaultInstance()),
  TRACES(
      "/v1/traces",
      "opentelemetry.proto.collector.trace.v1.TraceService",
      "traces",
      ExportTraceServiceRequest.getDefaultInstance(),
      ExportTraceServiceResponse.getDefaultInstance());

  private final String httpPath;
  private final String grpcService;
  private final String shortName;
  private final Message requestPrototype;
  private final Message responsePrototype;

  OtlpSignal(
      String httpPath,
      String grpcService,
      String shortName,
      Message requestPrototype,
      Message responsePrototype) {
    this.httpPath = httpPath;
    this.grpcService = grpcService;
    this.shortName = shortName;
    this.requestPrototype = requestPrototype;
    this.responsePrototype = responsePrototype;
  }

  /** {@code /v1/logs}, {@code /v1/metrics}, {@code /v1/traces}. */
  public String httpPath() {
    return httpPath;
  }

  /**
   * The fully qualified gRPC service name, e.g. {@code
   * opentelemetry.proto.collector.logs.v1.LogsService}.
   */
  public String grpcService() {
    return grpcService;
  }

  /**
   * The component name of a transport, used in metrics and dead letters: {@code
   * otlp-<transport>-<signal>}.
   */
  public String component(String transport) {
    return "otlp-" + transport + "-" + shortName;
  }

  /** An empty {@code Export*ServiceRequest} (its builder decodes JSON, its parser protobuf). */
  public Message requestPrototype() {
    return requestPrototype;
  }

  /** An empty {@code Export*ServiceResponse}: the answer to a request without rejected items. */
  public Message responsePrototype() {
    return responsePrototype;
  }

  /** Decodes a binary protobuf {@code Export*ServiceRequest}. */
  public Message parse(byte[] protobuf) throws InvalidProtocolBufferException {
    return requestPrototype.getParserForType().parseFrom(protobuf);
  }

  MappedBatch map(OtlpMapper mapper, Message request) {
    return switch (this) {
      case LOGS -> mapper.mapLogs((ExportLogsServiceRequest) request);
      case METRICS -> mapper.mapMetrics((ExportMetricsServiceRequest) request);
      case TRACES -> mapper.mapTraces((ExportTraceServiceRequest) request);
    };
  }

  /**
   * The answer: empty when nothing was rejected, else a {@code partial_success} with the count and
   * the reasons.
   */
  Message response(int rejected, String errorMessage) {
    if (rejected == 0) {
      return responsePrototype;
    }
    return switch (this) {
      case LOGS ->
          ExportLogsServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportLogsPartialSuccess.newBuilder()
                      .setRejectedLogRecords(rejected)
                      .setErrorMessage(errorMessage))
              .build();
      case METRICS ->
          ExportMetricsServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportMetricsPartialSuccess.newBuilder()
                      .setRejectedDataPoints(rejected)
                      .setErrorMessage(errorMessage))
              .build();
      case TRACES ->
          ExportTraceServiceResponse.newBuilder()
              .setPartialSuccess(
                  ExportTracePartialSuccess.newBuilder()
                      .setRejectedSpans(rejected)
                      .setErrorMessage(errorMessage))
              .build();
    };
  }
}
