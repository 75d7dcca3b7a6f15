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
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.Acknowledged;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OTLP over HTTP: {@code POST /v1/logs}, {@code /v1/metrics}, {@code /v1/traces}, in binary protobuf
 * ({@code application/x-protobuf}) or OTLP/JSON ({@code application/json}), optionally gzipped. Answers as the
 * OTLP specification says: 200 with an {@code Export*ServiceResponse} in the request's encoding, carrying a
 * {@code partial_success} when some items could not be mapped (those go to the dead-letter topic with the reason);
 * 400 for an undecodable body; 503 with {@code Retry-After} when Kafka cannot take the records now (OTLP exporters
 * retry 503).
 */
public final class OtlpEndpoint implements Endpoint {

  /** The three OTLP signals and their paths. */
  public enum Signal {
    LOGS("/v1/logs", "otlp-http-logs"),
    METRICS("/v1/metrics", "otlp-http-metrics"),
    TRACES("/v1/traces", "otlp-http-traces");

    private final String path;
    private final String component;

    Signal(String path, String component) {
      this.path = path;
      this.component = component;
    }

    public String path() {
      return path;
    }
  }

  private static final int MAX_ERROR_MESSAGE = 2000;

  private final Signal signal;
  private final OtlpMapper mapper;
  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final Duration publishTimeout;
  private final Clock clock;

  public OtlpEndpoint(Signal signal, OtlpMapper mapper, Publisher publisher, IngestMetrics metrics,
      Duration publishTimeout, Clock clock) {
    this.signal = signal;
    this.mapper = mapper;
    this.publisher = publisher;
    this.metrics = metrics;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  @Override
  public String name() {
    return signal.component;
  }

  @Override
  public Set<String> mediaTypes() {
    return Set.of("application/x-protobuf", "application/json");
  }

  @Override
  public Reply handle(IncomingRequest request) throws InterruptedException {
    boolean json = request.mediaType().equals("application/json");
    MappedBatch batch = switch (signal) {
      case LOGS -> mapper.mapLogs(decode(request, json, ExportLogsServiceRequest.newBuilder()));
      case METRICS -> mapper.mapMetrics(decode(request, json, ExportMetricsServiceRequest.newBuilder()));
      case TRACES -> mapper.mapTraces(decode(request, json, ExportTraceServiceRequest.newBuilder()));
    };
    metrics.received(name(), batch.receivedCount());
    metrics.ignored(name(), batch.ignoredCount());
    List<PendingRecord<?>> records = new ArrayList<>(batch.records());
    for (MappedBatch.Rejection rejection : batch.rejections()) {
      records.add(deadLetter(rejection, request));
    }
    Acknowledged.publish(publisher, records, publishTimeout);
    for (MappedBatch.Rejection rejection : batch.rejections()) {
      metrics.deadLettered(Topics.deadLetterTopic(rejection.topic()).orElseThrow().name(), 1);
      metrics.rejected(name(), "unmappable", 1);
    }
    return respond(batch, json);
  }

  private PendingRecord<DeadLetter> deadLetter(MappedBatch.Rejection rejection, IncomingRequest request) {
    Topic<DeadLetter> dlq = Topics.deadLetterTopic(rejection.topic()).orElseThrow();
    Map<String, String> headers = new LinkedHashMap<>();
    if (request.header("User-Agent") != null) {
      headers.put("user-agent", request.header("User-Agent"));
    }
    if (request.apiKeyId() != null) {
      headers.put("api-key-id", request.apiKeyId());
    }
    headers.put("request-content-type", request.mediaType());
    String reason = rejection.reason().length() > MAX_ERROR_MESSAGE
        ? rejection.reason().substring(0, MAX_ERROR_MESSAGE) : rejection.reason();
    DeadLetter letter = DeadLetter.newBuilder()
        .setDeadLetterId("ingest:" + Hashes.sha256Hex(reason + "\u0000"
            + Hashes.sha256Hex(rejection.payload())).substring(0, 32))
        .setFailedAt(clock.instant())
        .setStage(PipelineStage.INGEST)
        .setComponent(name())
        .setContentType("application/x-protobuf; type=" + switch (signal) {
          case LOGS -> ExportLogsServiceRequest.getDescriptor().getFullName();
          case METRICS -> ExportMetricsServiceRequest.getDescriptor().getFullName();
          case TRACES -> ExportTraceServiceRequest.getDescriptor().getFullName();
        })
        .setPayload(ByteBuffer.wrap(rejection.payload()))
        .setErrorClass("unmappable")
        .setErrorMessage(reason)
        .setHeaders(headers)
        .build();
    return new PendingRecord<>(dlq, letter);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T decode(IncomingRequest request, boolean json, Message.Builder builder) {
    if (json) {
      OtlpJson.merge(request.body(), builder);
      return (T) builder.build();
    }
    try {
      return (T) builder.mergeFrom(request.body()).build();
    } catch (InvalidProtocolBufferException e) {
      throw HttpError.badRequest("body is not a valid protobuf " + builder.getDescriptorForType().getFullName()
          + ": " + e.getMessage());
    }
  }

  private Reply respond(MappedBatch batch, boolean json) {
    int rejected = batch.rejections().size();
    String message = rejected == 0 ? "" : rejected + " item(s) could not be mapped and were sent to the dead-letter "
        + "topic: " + batch.rejections().stream().map(MappedBatch.Rejection::reason).distinct().limit(5)
        .collect(Collectors.joining("; "));
    if (message.length() > MAX_ERROR_MESSAGE) {
      message = message.substring(0, MAX_ERROR_MESSAGE);
    }
    Message response = switch (signal) {
      case LOGS -> rejected == 0 ? ExportLogsServiceResponse.getDefaultInstance()
          : ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
              .setRejectedLogRecords(rejected).setErrorMessage(message)).build();
      case METRICS -> rejected == 0 ? ExportMetricsServiceResponse.getDefaultInstance()
          : ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
              .setRejectedDataPoints(rejected).setErrorMessage(message)).build();
      case TRACES -> rejected == 0 ? ExportTraceServiceResponse.getDefaultInstance()
          : ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(rejected).setErrorMessage(message)).build();
    };
    return json
        ? new Reply(200, "application/json", OtlpJson.print(response).getBytes(StandardCharsets.UTF_8), Map.of())
        : new Reply(200, "application/x-protobuf", response.toByteArray(), Map.of());
  }
}
