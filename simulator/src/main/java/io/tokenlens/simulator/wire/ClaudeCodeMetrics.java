package io.tokenlens.simulator.wire;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Claude Code's {@code claude_code.token.usage} counter as its OTLP metric exporter sends it
 * ({@code http/protobuf} to {@code /v1/metrics}, delta temporality): one request per session and
 * export interval ({@link #INTERVAL}, Claude Code's default) with one data point per model and
 * token type ({@code input}, {@code output}, {@code cacheRead}, {@code cacheCreation}) that had
 * tokens in it. For reconciliation only; the per-request events are the source of truth.
 */
public final class ClaudeCodeMetrics {
  public static final String PATH = "/v1/metrics";
  public static final Duration INTERVAL = Duration.ofSeconds(60);
  public static final String POINT = "claude_code.token.usage point";

  /** The session's export requests (its requests in time order). */
  public List<HttpDelivery> export(List<TokenUsage> session) {
    List<HttpDelivery> out = new ArrayList<>();
    if (session.isEmpty()) {
      return out;
    }
    Instant intervalStart = session.get(0).getOccurredAt();
    Map<String, long[]> sums = new TreeMap<>();
    for (TokenUsage u : session) {
      while (!u.getOccurredAt().isBefore(intervalStart.plus(INTERVAL))) {
        flush(out, session.get(0), sums, intervalStart);
        intervalStart = intervalStart.plus(INTERVAL);
      }
      if (u.getStatus() == RequestStatus.SUCCESS) {
        long[] s = sums.computeIfAbsent(u.getModel(), m -> new long[4]);
        s[0] += u.getInputTokens();
        s[1] += u.getOutputTokens();
        s[2] += u.getCacheReadTokens();
        s[3] += u.getCacheWriteTokens();
      }
    }
    flush(out, session.get(0), sums, intervalStart);
    return out;
  }

  private static void flush(
      List<HttpDelivery> out, TokenUsage first, Map<String, long[]> sums, Instant start) {
    if (sums.isEmpty()) {
      return;
    }
    Instant end = start.plus(INTERVAL);
    Sum.Builder sum =
        Sum.newBuilder()
            .setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    String[] types = {"input", "output", "cacheRead", "cacheCreation"};
    int points = 0;
    for (var e : sums.entrySet()) {
      for (int t = 0; t < types.length; t++) {
        if (e.getValue()[t] > 0) {
          sum.addDataPoints(
              NumberDataPoint.newBuilder()
                  .setStartTimeUnixNano(nanos(start))
                  .setTimeUnixNano(nanos(end))
                  .setAsDouble(e.getValue()[t])
                  .addAllAttributes(
                      new OtlpAttributes()
                          .string("session.id", first.getSessionId())
                          .string("organization.id", ClaudeCodeLogs.ORGANIZATION_ID)
                          .string("user.email", first.getUserEmail())
                          .string("user.account_uuid", first.getAccountId())
                          .string("terminal.type", "vscode")
                          .string("model", e.getKey())
                          .string("type", types[t])
                          .build()));
          points++;
        }
      }
    }
    sums.clear();
    if (points == 0) {
      return;
    }
    Resource resource =
        Resource.newBuilder()
            .addAllAttributes(
                new OtlpAttributes()
                    .string("service.name", "claude-code")
                    .string("service.version", "2.0.0")
                    .build())
            .build();
    byte[] body =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .setResource(resource)
                    .addScopeMetrics(
                        ScopeMetrics.newBuilder()
                            .setScope(
                                InstrumentationScope.newBuilder()
                                    .setName("com.anthropic.claude_code")
                                    .setVersion("2.0.0"))
                            .addMetrics(
                                Metric.newBuilder()
                                    .setName("claude_code.token.usage")
                                    .setUnit("tokens")
                                    .setDescription("Number of tokens used")
                                    .setSum(sum))))
            .build()
            .toByteArray();
    out.add(
        new HttpDelivery(
            PATH,
            "application/x-protobuf",
            Map.of(),
            body,
            end,
            "otlp-metrics",
            Map.of(POINT, points)));
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
