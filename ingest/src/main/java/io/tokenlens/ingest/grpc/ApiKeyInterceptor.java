package io.tokenlens.ingest.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tokenlens.ingest.http.ApiKey;
import io.tokenlens.ingest.http.ApiKeys;
import io.tokenlens.ingest.metrics.IngestMetrics;
import java.util.Optional;

/**
 * Authenticates OTLP/gRPC calls with the collector API keys of the HTTP endpoints: the {@code
 * authorization} metadata carries {@code Bearer <secret>} (what {@code
 * OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ..."} sends). A call without a known key is
 * closed {@code UNAUTHENTICATED} before its message is read. The key id and the client's user agent
 * are put in the call's {@link Context} for the records' credential header and the dead letters.
 */
final class ApiKeyInterceptor implements ServerInterceptor {
  static final Context.Key<String> API_KEY_ID = Context.key("tokenlens-api-key-id");
  static final Context.Key<String> USER_AGENT = Context.key("tokenlens-user-agent");

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> USER_AGENT_HEADER =
      Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiKeys apiKeys;
  private final boolean authRequired;
  private final String component;
  private final IngestMetrics metrics;

  ApiKeyInterceptor(
      ApiKeys apiKeys, boolean authRequired, String component, IngestMetrics metrics) {
    this.apiKeys = apiKeys;
    this.authRequired = authRequired;
    this.component = component;
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String keyId = null;
    if (authRequired) {
      Optional<ApiKey> key = apiKeys.authenticate(headers.get(AUTHORIZATION));
      if (key.isEmpty()) {
        metrics.rejected(component, "unauthenticated", 1);
        call.close(GrpcStatuses.unauthenticated(), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      keyId = key.get().id();
    }
    Context context =
        Context.current()
            .withValue(API_KEY_ID, keyId)
            .withValue(USER_AGENT, headers.get(USER_AGENT_HEADER));
    return Contexts.interceptCall(context, call, headers, next);
  }
}
