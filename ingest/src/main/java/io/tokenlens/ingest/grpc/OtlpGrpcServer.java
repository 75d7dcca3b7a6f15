package io.tokenlens.ingest.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tokenlens.ingest.http.ApiKeys;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.otlp.OtlpExport;
import io.tokenlens.ingest.otlp.OtlpSignal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OTLP over gRPC: the collector services {@code LogsService}, {@code MetricsService} and {@code
 * TraceService} on their own port (OTLP/gRPC's standard 4317), authenticated with the collector API
 * keys, gzip accepted, messages up to {@code ingest.max.body.bytes} (after decompression; larger
 * ones are refused by grpc-java with {@code RESOURCE_EXHAUSTED} and no {@code RetryInfo}, which
 * exporters do not retry). Calls run on a pool of at most {@value #MAX_THREADS} threads, the HTTP
 * server's bound; each waits at most {@code ingest.publish.timeout.ms} for Kafka.
 */
public final class OtlpGrpcServer implements AutoCloseable {
  static final int MAX_THREADS = 200;

  private final Server server;
  private final ThreadPoolExecutor executor;

  private OtlpGrpcServer(Server server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /** How many calls may wait for a thread. */
  public int queuedCallsCapacity() {
    return executor.getQueue().remainingCapacity() + executor.getQueue().size();
  }

  /** Binds {@code host:port} (0 picks a free port) and starts serving. */
  public static OtlpGrpcServer start(
      String host,
      int port,
      long maxMessageBytes,
      ApiKeys apiKeys,
      boolean authRequired,
      OtlpExport export,
      IngestMetrics metrics,
      Duration retryAfter,
      int maxQueuedCalls)
      throws IOException {
    // bounded: calls beyond the queue are refused (the channel answers them with an error) rather
    // than held in
    // memory without limit while Kafka is slow
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            MAX_THREADS,
            MAX_THREADS,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(maxQueuedCalls),
            threads());
    executor.allowCoreThreadTimeOut(true);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .executor(executor)
            .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageBytes));
    for (OtlpSignal signal : OtlpSignal.values()) {
      OtlpGrpcService service = new OtlpGrpcService(signal, export, metrics, retryAfter);
      // the last interceptor runs first: count every answer, including UNAUTHENTICATED
      builder.addService(
          ServerInterceptors.intercept(
              service.definition(),
              new ApiKeyInterceptor(apiKeys, authRequired, service.component(), metrics),
              new CallCounter(service.component(), metrics)));
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    return new OtlpGrpcServer(server, executor);
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ingest-grpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops accepting calls and lets calls in flight finish (at most 10 s), then stops the threads.
   */
  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    executor.shutdown();
    if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }
}
