package io.tokenlens.bench;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tokenlens.simulator.wire.ClaudeCodeLogs;
import io.tokenlens.simulator.wire.HttpDelivery;
import java.time.Instant;
import java.util.Map;

/**
 * The benchmark's traffic: Claude Code {@code api_request} events as its OTLP log exporter sends
 * them (protobuf to {@code /v1/logs}, one session per request, at most 100 records, the attribute
 * names and string-typed numbers of {@link ClaudeCodeLogs}), spread over the directory's engineers
 * (each request goes to the next engineer of a stride through all of them), with a repository and
 * branch as resource attributes, token counts that vary from record to record by more than
 * LOOPING_AGENT's tolerance (so no session looks like a loop), occurring now. Event ids are session
 * and sequence ({@code <tag>-<engineer>-<pass>}, a sequence unique in the run): every event is
 * distinct. The protobuf is built directly, without Avro records in between, so that the load
 * generator costs little CPU next to the collectors in the same process. Not thread-safe.
 */
final class OtlpTraffic {

  private static final long STRIDE = 2_654_435_761L;
  private static final KeyValue EVENT_NAME = kv("event.name", "api_request");
  private static final KeyValue ORGANIZATION =
      kv("organization.id", ClaudeCodeLogs.ORGANIZATION_ID);
  private static final KeyValue MODEL = kv("model", BenchDirectory.MODEL);
  private static final KeyValue TERMINAL = kv("terminal.type", "vscode");
  private static final KeyValue COST = kv("cost_usd", "0.02");
  private static final AnyValue BODY =
      AnyValue.newBuilder().setStringValue("claude_code.api_request").build();

  private final String tag;
  private final int engineers;
  private final int perRequest;
  private long requests;

  /** {@code tag} starts every session id of this traffic, to find its rows in ClickHouse. */
  OtlpTraffic(String tag, int engineers, int perRequest) {
    this.tag = tag;
    this.engineers = engineers;
    this.perRequest = perRequest;
  }

  int perRequest() {
    return perRequest;
  }

  /** The next request: {@link #perRequest()} events of one session of the next engineer. */
  HttpDelivery next() {
    long r = requests++;
    int engineer = (int) ((r * STRIDE) % engineers);
    String session = tag + "-" + engineer + "-" + r / engineers;
    Instant now = Instant.now();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    KeyValue sessionId = kv("session.id", session);
    KeyValue email = kv("user.email", BenchDirectory.email(engineer));
    KeyValue timestamp = kv("event.timestamp", now.toString());
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < perRequest; i++) {
      long seq = r * perRequest + i;
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(nanos)
              .setObservedTimeUnixNano(nanos)
              .setBody(BODY)
              .setEventName("claude_code.api_request")
              .addAttributes(EVENT_NAME)
              .addAttributes(timestamp)
              .addAttributes(kv("event.sequence", Long.toString(seq)))
              .addAttributes(sessionId)
              .addAttributes(ORGANIZATION)
              .addAttributes(email)
              .addAttributes(kv("prompt.id", session + "-p" + i / 10))
              .addAttributes(TERMINAL)
              .addAttributes(MODEL)
              .addAttributes(COST)
              .addAttributes(kv("input_tokens", Long.toString(800 + seq * 1_237 % 4_000)))
              .addAttributes(kv("output_tokens", Long.toString(200 + seq * 211 % 900)))
              .addAttributes(kv("cache_read_tokens", Long.toString(20_000 + seq * 101 % 30_000)))
              .addAttributes(kv("cache_creation_tokens", i == 0 ? "2000" : "0"))
              .addAttributes(kv("duration_ms", Long.toString(3_000 + seq % 2_000))));
    }
    Resource resource =
        Resource.newBuilder()
            .addAttributes(kv("service.name", "claude-code"))
            .addAttributes(
                kv("vcs.repository.url.full", "https://github.com/acme/repo-" + engineer % 200))
            .addAttributes(kv("vcs.ref.head.name", "feature-" + engineer % 7))
            .build();
    byte[] body =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
            .build()
            .toByteArray();
    return new HttpDelivery(
        ClaudeCodeLogs.PATH,
        "application/x-protobuf",
        Map.of(),
        body,
        now,
        "otlp-logs",
        Map.of("claude_code.api_request", perRequest));
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
