package io.tokenlens.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a rejected OTLP item carries to its dead-letter topic. */
class OtlpDeadLetterTest {
  private static final String PROMPT = "refactor the payroll module for Ada Lovelace";
  private static final OtlpExport.Origin ORIGIN =
      new OtlpExport.Origin("otlp-http-logs", "tests", "tests", "application/x-protobuf");

  private final RecordingPublisher publisher = new RecordingPublisher();

  private DeadLetter deadLetterOf(LogRecord unmappable, long maxPayloadBytes) throws Exception {
    OtlpExport export =
        new OtlpExport(
            new OtlpMapper(Clock.systemUTC()),
            publisher,
            new IngestMetrics(),
            Duration.ofSeconds(5),
            Clock.systemUTC(),
            new DeadLetterPayloadCap(maxPayloadBytes));
    export.export(
        OtlpSignal.LOGS,
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(unmappable)))
            .build(),
        ORIGIN);
    assertThat(publisher.published).hasSize(1);
    return (DeadLetter) publisher.published.get(0).value();
  }

  /**
   * A Claude Code api_request without its model: unmappable, carrying a prompt and tool parameters.
   */
  private static LogRecord unmappableWithPrompt(String prompt) {
    return LogRecord.newBuilder()
        .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
        .addAttributes(kv("input_tokens", "3"))
        .addAttributes(kv("prompt", prompt))
        .addAttributes(kv("tool_parameters", "{\"bash_command\": \"cat ~/.ssh/id_rsa\"}"))
        .build();
  }

  @Test
  void shouldHashPromptsAndToolParametersBeforeDeadLettering() throws Exception {
    DeadLetter letter = deadLetterOf(unmappableWithPrompt(PROMPT), 1_000_000);

    byte[] payload = new byte[letter.getPayload().remaining()];
    letter.getPayload().duplicate().get(payload);
    String raw = new String(payload, StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(PROMPT).doesNotContain("id_rsa");
    LogRecord kept =
        ExportLogsServiceRequest.parseFrom(payload)
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecords(0);
    assertThat(kept.getAttributesList())
        .filteredOn(a -> a.getKey().equals("prompt"))
        .singleElement()
        .satisfies(a -> assertThat(a.getValue().getStringValue()).startsWith("sha256:"));
    assertThat(kept.getAttributesList())
        .filteredOn(a -> a.getKey().equals("tool_parameters"))
        .singleElement()
        .satisfies(a -> assertThat(a.getValue().getStringValue()).startsWith("sha256:"));
    assertThat(kept.getAttributesList()).contains(kv("input_tokens", "3"));
  }

  @Test
  void shouldDeadLetterAnItemOverThePayloadLimitWithoutItsPayload() throws Exception {
    LogRecord large =
        unmappableWithPrompt(PROMPT).toBuilder()
            .addAttributes(kv("terminal.type", "x".repeat(5000)))
            .build();

    DeadLetter letter = deadLetterOf(large, 4096);

    assertThat(letter.getPayload().remaining()).isZero();
    assertThat(letter.getHeaders()).containsKey("payload-sha256");
    assertThat(letter.getHeaders().get("payload-omitted"))
        .contains("ingest.dead.letter.max.payload.bytes=4096");
    assertThat(letter.getErrorMessage()).contains("model");
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }
}
