package io.tokenlens.simulator.wire;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The GenAI-instrumented tool's model calls as OTel GenAI client spans ({@code http/protobuf} to
 * {@code /v1/traces}): {@code gen_ai.*} attributes per the semantic conventions, where {@code
 * gen_ai.usage.input_tokens} includes cached tokens; the user's email and the repository are
 * resource attributes ({@code OTEL_RESOURCE_ATTRIBUTES}). Trace and span ids come from the record's
 * event id ({@code otel-span:<trace>:<span>}), so ingest derives the same id.
 */
public final class GenAiSpans {
  public static final String PATH = "/v1/traces";

  /** One export request of one session's spans. */
  public HttpDelivery export(List<TokenUsage> batch, Instant sentAt) {
    TokenUsage first = batch.get(0);
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder()
                    .setName("opentelemetry.instrumentation.openai_v2"));
    for (TokenUsage u : batch) {
      scope.addSpans(span(u));
    }
    Resource resource =
        Resource.newBuilder()
            .addAllAttributes(
                new OtlpAttributes()
                    .string("service.name", first.getTool())
                    .string("user.email", first.getUserEmail())
                    .string(
                        "vcs.repository.url.full", "https://github.com/" + first.getRepository())
                    .string("vcs.ref.head.name", first.getBranch())
                    .build())
            .build();
    byte[] body =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
            .build()
            .toByteArray();
    return new HttpDelivery(
        PATH,
        "application/x-protobuf",
        Map.of(),
        body,
        sentAt,
        "otlp-traces",
        Map.of("gen_ai span", batch.size()));
  }

  private static Span span(TokenUsage u) {
    String[] ids = u.getEventId().split(":");
    long start = u.getOccurredAt().getEpochSecond() * 1_000_000_000L + u.getOccurredAt().getNano();
    long end = start + u.getDurationMs() * 1_000_000L;
    boolean error = u.getStatus() == RequestStatus.ERROR;
    long totalInput = u.getInputTokens() + u.getCacheReadTokens() + u.getCacheWriteTokens();
    OtlpAttributes a =
        new OtlpAttributes()
            .string("gen_ai.operation.name", "chat")
            .string("gen_ai.provider.name", u.getProvider())
            .string("gen_ai.request.model", u.getModel())
            .string("gen_ai.response.model", u.getModel())
            .string("gen_ai.conversation.id", u.getSessionId());
    a.integer("gen_ai.usage.input_tokens", totalInput)
        .integer("gen_ai.usage.output_tokens", u.getOutputTokens())
        .integer("gen_ai.usage.cache_read.input_tokens", u.getCacheReadTokens())
        .integer("gen_ai.usage.cache_creation.input_tokens", u.getCacheWriteTokens());
    if (error) {
      a.string("error.type", u.getErrorType());
    }
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(ids[1])))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(ids[2])))
            .setName("chat " + u.getModel())
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(end)
            .addAllAttributes(a.build());
    if (error) {
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }
    return span.build();
  }
}
