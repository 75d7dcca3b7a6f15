package io.tokenlens.ingest.otlp;

import com.google.protobuf.Message;
import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.Acknowledged;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OTLP export path shared by every transport (OTLP/HTTP and OTLP/gRPC): maps a decoded {@code
 * Export*ServiceRequest}, publishes its records and the dead letters of its unmappable items, waits
 * for Kafka's acknowledgement and returns the {@code Export*ServiceResponse} (with {@code
 * partial_success} when items were dead-lettered). Kafka slow or down surfaces as {@link
 * io.tokenlens.ingest.publish.BackPressureException}, which each transport answers in its own way
 * (HTTP 503, gRPC {@code UNAVAILABLE}).
 */
public final class OtlpExport {
  private static final int MAX_ERROR_MESSAGE = 2000;

  private final OtlpMapper mapper;
  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final Duration publishTimeout;
  private final Clock clock;
  private final DeadLetterPayloadCap deadLetterCap;

  /**
   * @param deadLetterCap the largest payload of a dead letter; a larger (redacted) item is
   *     dead-lettered without its payload, so the record fits the dead-letter topic's {@code
   *     max.message.bytes}
   */
  public OtlpExport(
      OtlpMapper mapper,
      Publisher publisher,
      IngestMetrics metrics,
      Duration publishTimeout,
      Clock clock,
      DeadLetterPayloadCap deadLetterCap) {
    this.deadLetterCap = deadLetterCap;
    this.mapper = mapper;
    this.publisher = publisher;
    this.metrics = metrics;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  /**
   * Where a request came from, as dead letters and metrics record it.
   *
   * @param component e.g. {@code otlp-http-logs}, {@code otlp-grpc-traces}
   * @param userAgent the client's user agent; null when unknown
   * @param apiKeyId id of the API key the request authenticated with; null without authentication
   * @param contentType the request's content type, e.g. {@code application/x-protobuf}, {@code
   *     application/grpc}
   */
  public record Origin(String component, String userAgent, String apiKeyId, String contentType) {}

  /**
   * Maps, publishes and waits for Kafka; returns the {@code Export*ServiceResponse} of {@code
   * signal}.
   */
  public Message export(OtlpSignal signal, Message request, Origin origin)
      throws InterruptedException {
    MappedBatch batch = signal.map(mapper, request);
    metrics.received(origin.component(), batch.receivedCount());
    metrics.ignored(origin.component(), batch.ignoredCount());
    List<PendingRecord<?>> records = new ArrayList<>(batch.records());
    for (MappedBatch.Rejection rejection : batch.rejections()) {
      records.add(deadLetter(signal, rejection, origin));
    }
    Acknowledged.publish(
        publisher, records, AuthenticatedBy.apiKey(origin.apiKeyId()), publishTimeout);
    for (MappedBatch.Rejection rejection : batch.rejections()) {
      metrics.deadLettered(Topics.deadLetterTopic(rejection.topic()).orElseThrow().name(), 1);
      metrics.rejected(origin.component(), "unmappable", 1);
    }
    int rejected = batch.rejections().size();
    String message =
        rejected == 0
            ? ""
            : truncate(
                rejected
                    + " item(s) could not be mapped and were sent to the "
                    + "dead-letter topic: "
                    + batch.rejections().stream()
                        .map(MappedBatch.Rejection::reason)
                        .distinct()
                        .limit(5)
                        .collect(Collectors.joining("; ")));
    return signal.response(rejected, message);
  }

  private PendingRecord<DeadLetter> deadLetter(
      OtlpSignal signal, MappedBatch.Rejection rejection, Origin origin) {
    Topic<DeadLetter> dlq = Topics.deadLetterTopic(rejection.topic()).orElseThrow();
    Map<String, String> headers = new LinkedHashMap<>();
    if (origin.userAgent() != null) {
      headers.put("user-agent", origin.userAgent());
    }
    if (origin.apiKeyId() != null) {
      headers.put("api-key-id", origin.apiKeyId());
    }
    headers.put("request-content-type", origin.contentType());
    byte[] payload =
        deadLetterCap.fit(
            DeadLetterRedaction.redact(signal.requestPrototype(), rejection.payload()), headers);
    String reason = truncate(rejection.reason());
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setDeadLetterId(
                "ingest:"
                    + Hashes.sha256Hex(reason + "\u0000" + Hashes.sha256Hex(rejection.payload()))
                        .substring(0, 32))
            .setFailedAt(clock.instant())
            .setStage(PipelineStage.INGEST)
            .setComponent(origin.component())
            .setContentType(
                "application/x-protobuf; type="
                    + signal.requestPrototype().getDescriptorForType().getFullName())
            .setPayload(ByteBuffer.wrap(payload))
            .setErrorClass("unmappable")
            .setErrorMessage(reason)
            .setHeaders(headers)
            .build();
    return new PendingRecord<>(dlq, letter);
  }

  private static String truncate(String s) {
    return s.length() > MAX_ERROR_MESSAGE ? s.substring(0, MAX_ERROR_MESSAGE) : s;
  }
}
