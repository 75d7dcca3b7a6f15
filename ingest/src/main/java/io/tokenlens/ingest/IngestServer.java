package io.tokenlens.ingest;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.grpc.OtlpGrpcServer;
import io.tokenlens.ingest.http.ApiKeys;
import io.tokenlens.ingest.http.ClientLimitHandlers;
import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.IngestHandler;
import io.tokenlens.ingest.incidents.IncidentsEndpoint;
import io.tokenlens.ingest.load.FileLoadEndpoint;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.otlp.OtlpEndpoint;
import io.tokenlens.ingest.otlp.OtlpExport;
import io.tokenlens.ingest.otlp.OtlpMapper;
import io.tokenlens.ingest.otlp.OtlpSignal;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.ingest.publish.KafkaPublisher;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.ingest.spool.WebhookSpool;
import io.tokenlens.ingest.tokens.TokenEventsEndpoint;
import io.tokenlens.ingest.webhooks.GitHubWebhookEndpoint;
import io.tokenlens.ingest.webhooks.GitLabWebhookEndpoint;
import io.tokenlens.ingest.webhooks.OpsgenieWebhookEndpoint;
import io.tokenlens.ingest.webhooks.PagerDutyWebhookEndpoint;
import io.tokenlens.ingest.webhooks.WebhookSettings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The ingest service: the HTTP server, its endpoints, the OTLP/gRPC server and the Kafka publisher,
 * started and stopped together.
 */
public final class IngestServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final OtlpGrpcServer grpc;
  private final Publisher publisher;
  private final WebhookSpool spool;
  private final IngestMetrics metrics;

  private IngestServer(
      Server server,
      ServerConnector connector,
      OtlpGrpcServer grpc,
      Publisher publisher,
      WebhookSpool spool,
      IngestMetrics metrics) {
    this.server = server;
    this.connector = connector;
    this.grpc = grpc;
    this.publisher = publisher;
    this.spool = spool;
    this.metrics = metrics;
  }

  /** Starts a service publishing to Kafka as configured. */
  public static IngestServer start(IngestConfig config) throws Exception {
    IngestMetrics metrics = new IngestMetrics();
    KafkaPublisher publisher =
        new KafkaPublisher(
            config.kafka(),
            config.serdes(),
            config.topics(),
            config.requests().bufferMaxRecords(),
            metrics);
    try {
      return start(config, publisher, metrics, Clock.systemUTC());
    } catch (Exception | Error e) {
      publisher.close();
      throw e;
    }
  }

  /** Starts a service around a given publisher (closed with the service). */
  public static IngestServer start(
      IngestConfig config, Publisher publisher, IngestMetrics metrics, Clock clock)
      throws Exception {
    IngestConfig.Requests requests = config.requests();
    IngestConfig.Webhooks webhookConfig = config.webhooks();
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    endpoints.put(
        TokenEventsEndpoint.PATH,
        new TokenEventsEndpoint(publisher, metrics, requests.publishTimeout(), clock));
    endpoints.put(
        IncidentsEndpoint.PATH,
        new IncidentsEndpoint(publisher, metrics, requests.publishTimeout(), clock));
    endpoints.put(
        FileLoadEndpoint.DIRECTORY_PATH,
        FileLoadEndpoint.directory(publisher, metrics, requests.publishTimeout(), clock));
    endpoints.put(
        FileLoadEndpoint.PRICES_PATH,
        FileLoadEndpoint.prices(publisher, metrics, requests.publishTimeout(), clock));
    DeadLetterPayloadCap deadLetterCap =
        new DeadLetterPayloadCap(requests.deadLetterMaxPayloadBytes());
    OtlpExport otlp =
        new OtlpExport(
            new OtlpMapper(clock, config.agentSpanUsage()),
            publisher,
            metrics,
            requests.publishTimeout(),
            clock,
            deadLetterCap);
    for (OtlpSignal signal : OtlpSignal.values()) {
      endpoints.put(signal.httpPath(), new OtlpEndpoint(signal, otlp));
    }

    WebhookSettings webhooks =
        new WebhookSettings(
            webhookConfig.maxBodyBytes(),
            webhookConfig.dedupDeliveries(),
            webhookConfig.replayTolerance(),
            deadLetterCap);
    WebhookSpool spool = null;
    if (webhookConfig.enabled()) {
      spool =
          new WebhookSpool(
              config.spool().dir(),
              config.spool().maxBytes(),
              publisher,
              requests.publishTimeout(),
              config.spool().maxRefusals(),
              deadLetterCap,
              metrics);
    }
    if (!webhookConfig.githubSecret().isEmpty()) {
      endpoints.put(
          GitHubWebhookEndpoint.PATH,
          new GitHubWebhookEndpoint(webhookConfig.githubSecret(), webhooks, spool, metrics, clock));
    }
    if (!webhookConfig.pagerDutySecret().isEmpty()) {
      endpoints.put(
          PagerDutyWebhookEndpoint.PATH,
          new PagerDutyWebhookEndpoint(
              webhookConfig.pagerDutySecret(), webhooks, spool, metrics, clock));
    }
    if (!webhookConfig.gitlabSecret().isEmpty()) {
      endpoints.put(
          GitLabWebhookEndpoint.PATH,
          new GitLabWebhookEndpoint(webhookConfig.gitlabSecret(), webhooks, spool, metrics, clock));
    }
    if (!webhookConfig.opsgenieToken().isEmpty()) {
      endpoints.put(
          OpsgenieWebhookEndpoint.PATH,
          new OpsgenieWebhookEndpoint(
              webhookConfig.opsgenieToken(), webhooks, spool, metrics, clock));
    }

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("ingest-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.http().host());
    connector.setPort(config.http().port());
    server.addConnector(connector);
    ApiKeys apiKeys = new ApiKeys(config.auth().apiKeys(), config.auth().adminApiKeys());
    IngestHandler ingest =
        new IngestHandler(
            endpoints,
            apiKeys,
            config.auth().required(),
            requests.maxBodyBytes(),
            metrics,
            publisher,
            requests.readyTimeout(),
            config.limits().readyCache(),
            requests.retryAfter());
    server.setHandler(ClientLimitHandlers.around(ingest, config.limits(), requests.retryAfter()));
    server.setStopTimeout(10_000);
    OtlpGrpcServer grpc = null;
    try {
      server.start();
      if (config.grpc().enabled()) {
        grpc =
            OtlpGrpcServer.start(
                config.grpc().host(),
                config.grpc().port(),
                requests.maxBodyBytes(),
                apiKeys,
                config.auth().required(),
                otlp,
                metrics,
                requests.retryAfter(),
                config.limits().grpcMaxQueuedCalls());
      }
    } catch (Exception e) {
      try {
        server.stop();
      } finally {
        if (spool != null) {
          spool.close();
        }
      }
      throw e;
    }
    return new IngestServer(server, connector, grpc, publisher, spool, metrics);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The bound OTLP/gRPC port (useful with port 0). */
  public int grpcPort() {
    if (grpc == null) {
      throw new IllegalStateException("OTLP/gRPC is disabled (ingest.grpc.enabled=false)");
    }
    return grpc.port();
  }

  /** How many OTLP/gRPC calls may wait for a thread before the server refuses more. */
  public int grpcQueuedCallsCapacity() {
    return grpc == null ? 0 : grpc.queuedCallsCapacity();
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops accepting (gRPC, then HTTP), lets requests in flight finish, stops the spool's forwarder,
   * then closes the producer.
   */
  @Override
  public void close() throws Exception {
    try {
      if (grpc != null) {
        grpc.close();
      }
    } finally {
      closeHttpSpoolAndPublisher();
    }
  }

  private void closeHttpSpoolAndPublisher() throws Exception {
    try {
      server.stop();
    } finally {
      try {
        if (spool != null) {
          spool.close();
        }
      } finally {
        publisher.close();
      }
    }
  }
}
