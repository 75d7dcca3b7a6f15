package io.tokenlens.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a write a follower received to the writer, over HTTP, with the client's body, {@code
 * Content-Type}, {@code Accept} and {@code Authorization}. The forwarded request is marked so that
 * an instance which is not the writer either refuses it instead of forwarding it again.
 */
final class WriteForwarder {
  static final String FORWARDED_HEADER = "x-tokenlens-forwarded";

  /** The writer's answer, relayed unchanged. */
  record Forwarded(int status, String contentType, byte[] body) {}

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Duration timeout;
  private final String instanceId;

  WriteForwarder(Duration timeout, String instanceId) {
    this.timeout = timeout;
    this.instanceId = instanceId;
  }

  Forwarded forward(URI writer, RegistryRequest request) {
    String target =
        request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(writer.resolve(target))
            .timeout(timeout)
            .method(
                request.method(),
                request.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()))
            .header(FORWARDED_HEADER, instanceId);
    copy(request, builder, "content-type", "Content-Type");
    copy(request, builder, "accept", "Accept");
    copy(request, builder, "authorization", "Authorization");
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Forwarded(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(MediaTypes.V1),
          response.body());
    } catch (IOException e) {
      throw RegistryException.forwardingError(
          "the writer at " + writer + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.forwardingError("interrupted while forwarding to " + writer, e);
    }
  }

  private static void copy(
      RegistryRequest request, HttpRequest.Builder builder, String from, String to) {
    String value = request.header(from);
    if (value != null) {
      builder.header(to, value);
    }
  }
}
