package io.tokenlens.ingest.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.KeyFingerprints;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OTLP/gRPC contract of the collector services, through a real gRPC channel, with a recording
 * publisher.
 */
class OtlpGrpcServerTest {
  private static final String KEY = "test-key-0123456789abcdef";
  private static final String LOGS = "opentelemetry.proto.collector.logs.v1.LogsService";
  private static final String TRACES = "opentelemetry.proto.collector.trace.v1.TraceService";

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final IngestMetrics metrics = new IngestMetrics();
  private IngestServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.port", "0");
    values.put("ingest.api.keys", "tests=" + KEY);
    values.put("ingest.max.body.bytes", "4096");
    values.put("ingest.publish.timeout.ms", "300");
    values.put("ingest.retry.after.seconds", "7");
    values.put("kafka.bootstrap.servers", "127.0.0.1:1");
    values.put("schema.registry.url", "http://127.0.0.1:1");
    server =
        IngestServer.start(IngestConfig.fromMap(values), publisher, metrics, Clock.systemUTC());
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void shouldPublishGzippedLogsAndAnswerAnEmptyResponse() {
    ExportLogsServiceResponse response =
        export(
            LOGS,
            logs(apiRequest("s-1", 1)),
            ExportLogsServiceResponse.getDefaultInstance(),
            KEY,
            CallOptions.DEFAULT.withCompression("gzip"));

    assertThat(response).isEqualTo(ExportLogsServiceResponse.getDefaultInstance());
    assertThat(publisher.published).hasSize(1);
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.TOKEN_USAGE);
    assertThat(publisher.published.get(0).key()).isEqualTo("s-1");
    assertThat(((TokenUsage) publisher.published.get(0).value()).getEventId())
        .isEqualTo("claude-code:s-1:1");
  }

  @Test
  void shouldAnswerPartialSuccessAndDeadLetterTheUnmappable() throws Exception {
    LogRecord bad =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .addAttributes(kv("input_tokens", "3"))
            .build();

    ExportLogsServiceResponse response =
        export(
            LOGS,
            logs(apiRequest("s-2", 1), bad),
            ExportLogsServiceResponse.getDefaultInstance(),
            KEY,
            CallOptions.DEFAULT);

    assertThat(response.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage())
        .contains("attribute 'model' is missing");
    assertThat(publisher.published).hasSize(2);
    assertThat(publisher.published.get(1).topic())
        .isEqualTo(Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow());
    DeadLetter letter = (DeadLetter) publisher.published.get(1).value();
    assertThat(letter.getComponent()).isEqualTo("otlp-grpc-logs");
    assertThat(letter.getHeaders())
        .containsEntry("api-key-id", "tests")
        .containsEntry("request-content-type", "application/grpc")
        .containsKey("user-agent");
    assertThat(
            ExportLogsServiceRequest.parseFrom(letter.getPayload())
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecords(0))
        .isEqualTo(bad);
  }

  @Test
  void shouldMarkEveryRecordOfACallWithTheFingerprintOfItsKey() throws Exception {
    LogRecord bad =
        LogRecord.newBuilder()
            .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
            .addAttributes(kv("input_tokens", "3"))
            .build();
    LogRecord claimingSomeoneElse =
        apiRequest("s-4", 1).toBuilder().addAttributes(kv("user.email", "ceo@example.com")).build();

    export(
        LOGS,
        logs(claimingSomeoneElse, bad),
        ExportLogsServiceResponse.getDefaultInstance(),
        KEY,
        CallOptions.DEFAULT);

    assertThat(publisher.published)
        .extracting(r -> r.topic().name())
        .containsExactly("token-usage", "token-usage-dlq");
    assertThat(publisher.authenticatedBy)
        .extracting(AuthenticatedBy::value)
        .containsOnly(KeyFingerprints.of("tests"));
  }

  @Test
  void shouldRefuseCallsWithoutAKnownKeyAsUnauthenticated() {
    StatusRuntimeException none =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                export(
                    LOGS,
                    logs(apiRequest("s-3", 1)),
                    ExportLogsServiceResponse.getDefaultInstance(),
                    null,
                    CallOptions.DEFAULT));
    StatusRuntimeException wrong =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                export(
                    TRACES,
                    ExportTraceServiceRequest.getDefaultInstance(),
                    ExportTraceServiceResponse.getDefaultInstance(),
                    "not-the-key-0123456789",
                    CallOptions.DEFAULT));

    assertThat(none.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(none.getStatus().getDescription()).contains("authorization: Bearer <key>");
    assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(publisher.published).isEmpty();
    assertThat(metrics.render())
        .contains(
            "tokenlens_ingest_grpc_calls_total{endpoint=\"otlp-grpc-logs\",code=\"UNAUTHENTICATED\"} 1")
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"otlp-grpc-traces\",reason=\"unauthenticated\"} 1");
  }

  @Test
  void shouldAnswerInvalidArgumentForAnUndecodableMessage() {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(LOGS, "Export"))
            .setRequestMarshaller(ByteArrayMarshaller.INSTANCE)
            .setResponseMarshaller(ByteArrayMarshaller.INSTANCE)
            .build();

    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    authenticated(KEY), raw, CallOptions.DEFAULT, new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("ExportLogsServiceRequest");
            });
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldAnswerUnavailableWithRetryInfoWhenKafkaCannotTakeRecords() {
    publisher.down = true;
    StatusRuntimeException down =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                export(
                    LOGS,
                    logs(apiRequest("s-4", 1)),
                    ExportLogsServiceResponse.getDefaultInstance(),
                    KEY,
                    CallOptions.DEFAULT));
    publisher.down = false;
    publisher.neverAcknowledge = true;
    StatusRuntimeException slow =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                export(
                    LOGS,
                    logs(apiRequest("s-4", 2)),
                    ExportLogsServiceResponse.getDefaultInstance(),
                    KEY,
                    CallOptions.DEFAULT));

    for (StatusRuntimeException e : new StatusRuntimeException[] {down, slow}) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(StatusProto.fromThrowable(e).getDetailsList())
          .singleElement()
          .satisfies(
              detail -> {
                assertThat(detail.is(RetryInfo.class)).isTrue();
                assertThat(detail.unpack(RetryInfo.class).getRetryDelay().getSeconds())
                    .isEqualTo(7);
              });
    }
    assertThat(slow.getStatus().getDescription()).contains("did not acknowledge");
  }

  @Test
  void shouldAnswerInvalidArgumentWhenKafkaRefusesARecordForItsSize() {
    publisher.refuse = r -> true;

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                export(
                    LOGS,
                    logs(apiRequest("s-5", 1)),
                    ExportLogsServiceResponse.getDefaultInstance(),
                    KEY,
                    CallOptions.DEFAULT));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(refused.getStatus().getDescription()).contains("larger than Kafka accepts");
  }

  @Test
  void shouldRefuseAMessageOverTheSizeLimit() {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < 100; i++) {
      scope.addLogRecords(apiRequest("s-5", i));
    }
    ExportLogsServiceRequest big =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
            .build();
    assertThat(big.getSerializedSize()).isGreaterThan(4096);

    // gzipped it is small on the wire; the limit applies after decompression too
    assertThatThrownBy(
            () ->
                export(
                    LOGS,
                    big,
                    ExportLogsServiceResponse.getDefaultInstance(),
                    KEY,
                    CallOptions.DEFAULT.withCompression("gzip")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldNotServeGrpcWhenDisabled() throws Exception {
    Map<String, String> values = new HashMap<>();
    values.put("ingest.http.port", "0");
    values.put("ingest.grpc.enabled", "false");
    values.put("ingest.auth.required", "false");
    values.put("kafka.bootstrap.servers", "127.0.0.1:1");
    values.put("schema.registry.url", "http://127.0.0.1:1");
    try (IngestServer httpOnly =
        IngestServer.start(
            IngestConfig.fromMap(values),
            new RecordingPublisher(),
            new IngestMetrics(),
            Clock.systemUTC())) {
      assertThatThrownBy(httpOnly::grpcPort).hasMessageContaining("ingest.grpc.enabled=false");
    }
  }

  private Channel authenticated(String key) {
    Metadata headers = new Metadata();
    if (key != null) {
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
    }
    return ClientInterceptors.intercept(
        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private <Q extends Message, R extends Message> R export(
      String service, Q request, R responsePrototype, String key, CallOptions options) {
    @SuppressWarnings("unchecked")
    MethodDescriptor<Q, R> method =
        MethodDescriptor.<Q, R>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
            .setRequestMarshaller(ProtoUtils.marshaller(request))
            .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
            .build();
    return ClientCalls.blockingUnaryCall(
        authenticated(key), method, options.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }

  private static ExportLogsServiceRequest logs(LogRecord... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (LogRecord r : records) {
      scope.addLogRecords(r);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
  }

  private static LogRecord apiRequest(String session, int sequence) {
    return LogRecord.newBuilder()
        .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
        .addAttributes(kv("model", "claude-opus-4-1"))
        .addAttributes(kv("input_tokens", "3"))
        .addAttributes(kv("output_tokens", "4"))
        .addAttributes(kv("session.id", session))
        .addAttributes(kv("event.sequence", String.valueOf(sequence)))
        .build();
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }
}
