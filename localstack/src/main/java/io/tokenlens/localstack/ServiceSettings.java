package io.tokenlens.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loopback ports of the pipeline services {@code ./tokenlens demo} runs on the local stack,
 * from the variables the services themselves read; defaults in code, every invalid value reported
 * at once.
 *
 * <pre>
 *   TOKENLENS_INGEST_HTTP_PORT      ingest OTLP/HTTP, webhooks, /readyz   default 4318
 *   TOKENLENS_INGEST_GRPC_PORT      ingest OTLP/gRPC                     default 4317
 *   TOKENLENS_STREAMS_HEALTH_PORT   streams /health and /metrics         default 9465
 *   TOKENLENS_SINK_METRICS_PORT     sink /health and /metrics            default 9464
 * </pre>
 */
public record ServiceSettings(
    int ingestHttpPort, int ingestGrpcPort, int streamsHealthPort, int sinkMetricsPort) {

  public static final String INGEST_HTTP_PORT = "TOKENLENS_INGEST_HTTP_PORT";
  public static final String INGEST_GRPC_PORT = "TOKENLENS_INGEST_GRPC_PORT";
  public static final String STREAMS_HEALTH_PORT = "TOKENLENS_STREAMS_HEALTH_PORT";
  public static final String SINK_METRICS_PORT = "TOKENLENS_SINK_METRICS_PORT";

  public static ServiceSettings fromEnvironment(StackSettings stack, Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    ServiceSettings s =
        new ServiceSettings(
            StackSettings.port(env, INGEST_HTTP_PORT, 4318, errors),
            StackSettings.port(env, INGEST_GRPC_PORT, 4317, errors),
            StackSettings.port(env, STREAMS_HEALTH_PORT, 9465, errors),
            StackSettings.port(env, SINK_METRICS_PORT, 9464, errors));
    List<Integer> all =
        List.of(
            s.ingestHttpPort,
            s.ingestGrpcPort,
            s.streamsHealthPort,
            s.sinkMetricsPort,
            stack.kafkaPort(),
            stack.kafkaControllerPort(),
            stack.schemaRegistryPort(),
            stack.clickhousePort());
    if (all.stream().distinct().count() != all.size()) {
      errors.add(
          "the ingest, streams and sink ports must differ from each other and from the stack's ports, got "
              + all);
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid service settings:\n  - " + String.join("\n  - ", errors));
    }
    return s;
  }

  public String ingestUrl() {
    return "http://" + StackSettings.HOST + ":" + ingestHttpPort;
  }
}
