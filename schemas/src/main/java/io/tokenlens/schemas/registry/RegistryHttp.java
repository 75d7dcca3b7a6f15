package io.tokenlens.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP transport of the registry client: Confluent content types, credentials, timeouts, and
 * bounded retries with exponential backoff on 5xx answers and connection errors, moving to the next
 * configured URL on each retry.
 */
final class RegistryHttp {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final AtomicInteger preferredUrl = new AtomicInteger();

  RegistryHttp(RegistryClientConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  static ObjectMapper json() {
    return JSON;
  }

  RegistryResponse get(String path) {
    return send("GET", path, null);
  }

  RegistryResponse post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  private RegistryResponse send(String method, String path, JsonNode body) {
    List<URI> urls = config.urls();
    RetryPolicy retry = config.retry();
    String payload = body == null ? null : body.toString();
    int first = preferredUrl.get();
    Exception lastError = null;
    String lastProblem = null;
    for (int attempt = 0; attempt <= retry.maxRetries(); attempt++) {
      if (attempt > 0) {
        pause(retry.backoff(attempt));
      }
      int index = Math.floorMod(first + attempt, urls.size());
      URI url = URI.create(urls.get(index) + path);
      try {
        HttpResponse<String> response =
            http.send(request(method, url, payload), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
          RegistryResponse failed =
              new RegistryResponse(response.statusCode(), parse(response.body()), url);
          lastProblem = "answered HTTP " + response.statusCode() + " (" + failed.message() + ")";
          LOG.warn(
              "Schema registry {} {} {}; attempt {} of {}",
              method,
              url,
              lastProblem,
              attempt + 1,
              retry.maxRetries() + 1);
          if (attempt == retry.maxRetries()) {
            throw new SchemaRegistryException(
                "Schema registry at "
                    + url
                    + " "
                    + lastProblem
                    + " after "
                    + (attempt + 1)
                    + " attempt(s)",
                response.statusCode(),
                failed.errorCode());
          }
          continue;
        }
        preferredUrl.set(index);
        return new RegistryResponse(response.statusCode(), parse(response.body()), url);
      } catch (IOException e) {
        lastError = e;
        lastProblem =
            "is unreachable ("
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + ")";
        LOG.warn(
            "Schema registry {} {} {}; attempt {} of {}",
            method,
            url,
            lastProblem,
            attempt + 1,
            retry.maxRetries() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnreachableException(
            "Interrupted while calling the schema registry at " + url, e);
      }
    }
    throw new RegistryUnreachableException(
        "Schema registry "
            + urls
            + " "
            + lastProblem
            + " after "
            + (retry.maxRetries() + 1)
            + " attempt(s); check "
            + RegistryClientConfig.URL,
        lastError);
  }

  private HttpRequest request(String method, URI url, String payload) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url).timeout(config.requestTimeout()).header("Accept", ACCEPT);
    config.authorization().ifPresent(value -> builder.header("Authorization", value));
    if (payload == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(payload));
    }
    return builder.build();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnreachableException(
          "Interrupted while waiting to retry a schema registry call", e);
    }
  }
}
