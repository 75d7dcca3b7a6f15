package io.tokenlens.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.tokenlens.ingest.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  @Test
  void shouldReadHexIdsIntegerEnumsAndIgnoreUnknownFields() {
    String body =
        """
        {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "svc"}}]},
          "someFutureField": {"x": 1},
          "scopeSpans": [{"scope": {"name": "s"}, "spans": [{
            "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "eee19b7ec3c1b174", "parentSpanId": "",
            "name": "chat", "kind": 3, "startTimeUnixNano": "1795338000000000000",
            "endTimeUnixNano": 1795338001000000000,
            "attributes": [{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}}],
            "status": {"code": 2}}]}]}]}
        """;
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();

    OtlpJson.merge(body.getBytes(StandardCharsets.UTF_8), builder);

    Span span = builder.build().getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray()))
        .isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray()))
        .isEqualTo("eee19b7ec3c1b174");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(span.getStatus().getCodeValue()).isEqualTo(2);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1795338001000000000L);
    assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(42);
  }

  @Test
  void shouldReadAClaudeCodeLogRecord() {
    String body =
        """
        {"resourceLogs": [{"resource": {"attributes": []}, "scopeLogs": [{"logRecords": [{
          "timeUnixNano": "1795338000000000000", "severityNumber": 9,
          "body": {"stringValue": "claude_code.api_request"},
          "attributes": [{"key": "event.name", "value": {"stringValue": "api_request"}}]}]}]}]}
        """;
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();

    OtlpJson.merge(body.getBytes(StandardCharsets.UTF_8), builder);

    LogRecord record = builder.build().getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(record.getBody().getStringValue()).isEqualTo("claude_code.api_request");
  }

  @Test
  void shouldAnswer400NamingTheProblem() {
    assertThatThrownBy(
            () ->
                OtlpJson.merge(
                    "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"xyz\"}]}]}]}"
                        .getBytes(StandardCharsets.UTF_8),
                    ExportTraceServiceRequest.newBuilder()))
        .isInstanceOfSatisfying(
            HttpError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains("$.resourceSpans[0].scopeSpans[0].spans[0].traceId")
                  .contains("not a hex id");
            });
    assertThatThrownBy(
            () ->
                OtlpJson.merge(
                    "[1]".getBytes(StandardCharsets.UTF_8), ExportLogsServiceRequest.newBuilder()))
        .isInstanceOfSatisfying(
            HttpError.class, e -> assertThat(e.getMessage()).contains("JSON object"));
    assertThatThrownBy(
            () ->
                OtlpJson.merge(
                    "{\"resourceLogs\": 5}".getBytes(StandardCharsets.UTF_8),
                    ExportLogsServiceRequest.newBuilder()))
        .isInstanceOfSatisfying(
            HttpError.class, e -> assertThat(e.getMessage()).contains("ExportLogsServiceRequest"));
  }
}
