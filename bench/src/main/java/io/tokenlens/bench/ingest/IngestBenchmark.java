package io.tokenlens.bench.ingest;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.tokenlens.bench.BenchArgs;
import io.tokenlens.ingest.IngestServer;
import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.grpc.ByteArrayMarshaller;
import io.tokenlens.ingest.otlp.OtlpSignal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Benchmark command (not a test): events/s through one in-process ingest instance into Kafka for
 * OTLP protobuf requests (OTLP/HTTP and OTLP/gRPC) of 1, 100 and 1,000 Claude Code {@code
 * api_request} log records, next to the raw producer rate (idempotent, acks=all, the same Avro
 * records) on the same broker in the same run. An event counts once ingest answered its request
 * with success, that is once Kafka acknowledged it. The raw rate is measured anew before each
 * request size, and each ingest rate is given as a ratio to the raw rate measured just before it.
 * Uses {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS} and {@code TOKENLENS_SCHEMA_REGISTRY_URL}; writes
 * to topics with a unique {@code bench-*} prefix, deleted at the end. Run: {@code ./tokenlens bench
 * ingest [options]} ({@link IngestOptions#COMMAND_LINE}).
 */
public final class IngestBenchmark {
  private static final String KEY = "bench-key-0123456789abcdef";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    IngestOptions options =
        BenchArgs.parseOrExit(args, IngestOptions.COMMAND_LINE, IngestOptions::parse);
    int seconds = options.seconds();
    int threads = options.threads();
    String bootstrap = BenchArgs.stackEnv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    String registry = BenchArgs.stackEnv("TOKENLENS_SCHEMA_REGISTRY_URL");
    String prefix = "bench-" + System.currentTimeMillis() + ".";
    List<String> topics =
        List.of(prefix + "token-usage", prefix + "token-usage-dlq", prefix + "raw-token-usage");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 6, (short) 1)).toList())
          .all()
          .get();
      try {
        System.out.printf(
            "broker %s, %d s per measurement, %d client threads, %d cores%n",
            bootstrap, seconds, threads, Runtime.getRuntime().availableProcessors());
        Map<String, String> values = new HashMap<>();
        values.put("ingest.http.port", "0");
        values.put("ingest.grpc.port", "0");
        values.put("ingest.api.keys", "bench=" + KEY);
        values.put("kafka.bootstrap.servers", bootstrap);
        values.put("schema.registry.url", registry);
        values.put("topics.name.prefix", prefix);
        try (IngestServer server = IngestServer.start(IngestConfig.fromMap(values))) {
          String url = "http://127.0.0.1:" + server.port() + "/v1/logs";
          ExecutorService httpThreads = Executors.newFixedThreadPool(threads);
          HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
          ManagedChannel channel =
              ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
                  .usePlaintext()
                  .build();
          try {
            for (int size : new int[] {1, 100, 1000}) {
              // the raw rate is measured again before each request size: on a shared machine it
              // drifts
              double raw =
                  RawProducerRate.measure(bootstrap, registry, prefix + "raw-token-usage", seconds);
              System.out.printf("%-32s %12.0f events/s%n", "raw producer (acks=all)", raw);
              List<byte[]> bodies = bodies(size);
              report(
                  "ingest OTLP/HTTP protobuf x" + size,
                  ingestRate(body -> postHttp(http, url, body), bodies, size, threads, seconds),
                  raw);
              report(
                  "ingest OTLP/gRPC x" + size,
                  ingestRate(body -> exportGrpc(channel, body), bodies, size, threads, seconds),
                  raw);
            }
          } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            httpThreads.shutdownNow();
          }
        }
      } finally {
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void report(String name, double rate, double raw) {
    System.out.printf("%-32s %12.0f events/s   (%.2f of raw)%n", name, rate, rate / raw);
  }

  /** Sends one OTLP protobuf {@code ExportLogsServiceRequest}; true when ingest accepted it. */
  @FunctionalInterface
  private interface Sender {
    boolean send(byte[] body) throws Exception;
  }

  private static boolean postHttp(HttpClient http, String url, byte[] body) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200;
  }

  private static final MethodDescriptor<byte[], byte[]> GRPC_EXPORT =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName(OtlpSignal.LOGS.grpcService(), "Export"))
          .setRequestMarshaller(ByteArrayMarshaller.INSTANCE)
          .setResponseMarshaller(ByteArrayMarshaller.INSTANCE)
          .build();

  private static final Metadata GRPC_HEADERS = grpcHeaders();

  private static Metadata grpcHeaders() {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
    return headers;
  }

  private static boolean exportGrpc(ManagedChannel channel, byte[] body) {
    try {
      ClientCalls.blockingUnaryCall(
          ClientInterceptors.intercept(
              channel, MetadataUtils.newAttachHeadersInterceptor(GRPC_HEADERS)),
          GRPC_EXPORT,
          CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
          body);
      return true;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  private static List<byte[]> bodies(int size) {
    List<byte[]> bodies = new ArrayList<>();
    for (int r = 0; r < 64; r++) {
      bodies.add(request(r, size));
    }
    return bodies;
  }

  private static double ingestRate(
      Sender sender, List<byte[]> bodies, int size, int threads, int seconds) throws Exception {
    AtomicLong events = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      futures.add(
          clients.submit(
              () -> {
                int n = offset;
                while (System.nanoTime() < end) {
                  boolean accepted = sender.send(bodies.get(n++ % bodies.size()));
                  if (System.nanoTime() > warmupEnd) {
                    if (accepted) {
                      events.addAndGet(size);
                    } else {
                      refused.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    // requests still in flight at the end are counted, so the time is measured until the last one
    // completed
    double elapsed = (System.nanoTime() - warmupEnd) / 1e9;
    clients.shutdown();
    if (refused.get() > 0) {
      System.out.printf("  (%d requests of %d refused, not counted)%n", refused.get(), size);
    }
    return events.get() / elapsed;
  }

  private static byte[] request(int r, int size) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < size; i++) {
      scope.addLogRecords(
          LogRecord.newBuilder()
              .setTimeUnixNano(now)
              .setBody(AnyValue.newBuilder().setStringValue("claude_code.api_request"))
              .addAttributes(kv("event.name", "api_request"))
              .addAttributes(kv("session.id", "session-" + (r * 7 + i) % 500))
              .addAttributes(kv("event.sequence", String.valueOf(r * size + i)))
              .addAttributes(kv("user.email", "dev" + (i % 50) + "@example.com"))
              .addAttributes(kv("organization.id", "org-1"))
              .addAttributes(kv("model", "claude-sonnet-4-5"))
              .addAttributes(kv("input_tokens", "120"))
              .addAttributes(kv("output_tokens", "80"))
              .addAttributes(kv("cache_read_tokens", "30000"))
              .addAttributes(kv("cache_creation_tokens", "500"))
              .addAttributes(kv("cost_usd", "0.0312"))
              .addAttributes(kv("duration_ms", "4100")));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(kv("service.name", "claude-code")))
                .addScopeLogs(scope))
        .build()
        .toByteArray();
  }

  private static KeyValue kv(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }
}
