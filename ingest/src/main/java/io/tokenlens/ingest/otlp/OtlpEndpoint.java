package io.tokenlens.ingest.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * OTLP over HTTP: {@code POST /v1/logs}, {@code /v1/metrics}, {@code /v1/traces}, in binary
 * protobuf ({@code application/x-protobuf}) or OTLP/JSON ({@code application/json}), optionally
 * gzipped. Decodes the body and hands it to the shared {@link OtlpExport}; answers as the OTLP
 * specification says: 200 with an {@code Export*ServiceResponse} in the request's encoding,
 * carrying a {@code partial_success} when some items could not be mapped (those go to the
 * dead-letter topic with the reason); 400 for an undecodable body; 503 with {@code Retry-After}
 * when Kafka cannot take the records now (OTLP exporters retry 503).
 */
public final class OtlpEndpoint implements Endpoint {
  private final OtlpSignal signal;
  private final OtlpExport export;

  public OtlpEndpoint(OtlpSignal signal, OtlpExport export) {
    this.signal = signal;
    this.export = export;
  }

  @Override
  public String name() {
    return signal.component("http");
  }

  @Override
  public Set<String> mediaTypes() {
    return Set.of("application/x-protobuf", "application/json");
  }

  @Override
  public Reply handle(IncomingRequest request) throws InterruptedException {
    boolean json = request.mediaType().equals("application/json");
    Message response =
        export.export(
            signal,
            decode(request.body(), json),
            new OtlpExport.Origin(
                name(), request.header("User-Agent"), request.apiKeyId(), request.mediaType()));
    return json
        ? new Reply(
            200,
            "application/json",
            OtlpJson.print(response).getBytes(StandardCharsets.UTF_8),
            Map.of())
        : new Reply(200, "application/x-protobuf", response.toByteArray(), Map.of());
  }

  private Message decode(byte[] body, boolean json) {
    if (json) {
      Message.Builder builder = signal.requestPrototype().newBuilderForType();
      OtlpJson.merge(body, builder);
      return builder.build();
    }
    try {
      return signal.parse(body);
    } catch (InvalidProtocolBufferException e) {
      throw HttpError.badRequest(
          "body is not a valid protobuf "
              + signal.requestPrototype().getDescriptorForType().getFullName()
              + ": "
              + e.getMessage());
    }
  }
}
