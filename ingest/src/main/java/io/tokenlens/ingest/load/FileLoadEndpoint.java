package io.tokenlens.ingest.load;

import io.tokenlens.ingest.directory.DirectoryParser;
import io.tokenlens.ingest.http.Endpoint;
import io.tokenlens.ingest.http.HttpError;
import io.tokenlens.ingest.http.IncomingRequest;
import io.tokenlens.ingest.http.Reply;
import io.tokenlens.ingest.http.Scope;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.prices.PriceParser;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An endpoint taking a whole reference-data file as its body ({@code text/csv} or {@code
 * application/json}): {@code POST /v1/directory} and {@code POST /v1/prices}. The file is validated
 * whole (400 listing every problem, nothing published), then published; the answer counts the
 * records and the tombstones among them.
 */
public final class FileLoadEndpoint implements Endpoint {
  public static final String DIRECTORY_PATH = "/v1/directory";
  public static final String PRICES_PATH = "/v1/prices";

  /** Parses a file into the records to publish. */
  @FunctionalInterface
  public interface Loader {
    List<? extends PendingRecord<?>> load(
        byte[] body, InputFormat format, String source, Instant now);
  }

  private final String name;
  private final Loader loader;
  private final Publisher publisher;
  private final IngestMetrics metrics;
  private final Duration publishTimeout;
  private final Clock clock;

  public FileLoadEndpoint(
      String name,
      Loader loader,
      Publisher publisher,
      IngestMetrics metrics,
      Duration publishTimeout,
      Clock clock) {
    this.name = name;
    this.loader = loader;
    this.publisher = publisher;
    this.metrics = metrics;
    this.publishTimeout = publishTimeout;
    this.clock = clock;
  }

  /** {@code POST /v1/directory} → {@code directory}. */
  public static FileLoadEndpoint directory(
      Publisher publisher, IngestMetrics metrics, Duration timeout, Clock clock) {
    return new FileLoadEndpoint(
        "directory",
        (body, format, source, now) -> DirectoryParser.parse(body, format, source, now).records(),
        publisher,
        metrics,
        timeout,
        clock);
  }

  /** {@code POST /v1/prices} → {@code model-prices}. */
  public static FileLoadEndpoint prices(
      Publisher publisher, IngestMetrics metrics, Duration timeout, Clock clock) {
    return new FileLoadEndpoint(
        "prices",
        (body, format, source, now) ->
            PriceParser.records(PriceParser.parse(body, format, source, now.toEpochMilli())),
        publisher,
        metrics,
        timeout,
        clock);
  }

  @Override
  public String name() {
    return name;
  }

  /** Reference data every figure depends on: an admin key only. */
  @Override
  public Scope scope() {
    return Scope.ADMIN;
  }

  @Override
  public Set<String> mediaTypes() {
    return Set.of("text/csv", "application/json");
  }

  @Override
  public Reply handle(IncomingRequest request) throws InterruptedException {
    List<? extends PendingRecord<?>> records;
    try {
      records =
          loader.load(
              request.body(),
              InputFormat.ofMediaType(request.mediaType()),
              "api:" + (request.apiKeyId() == null ? "anonymous" : request.apiKeyId()),
              clock.instant());
    } catch (InvalidInputException e) {
      throw HttpError.badRequest(e.getMessage(), e.listedProblems());
    }
    metrics.received(name, records.size());
    Batches.publish(publisher, records, AuthenticatedBy.apiKey(request.apiKeyId()), publishTimeout);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", records.size());
    answer.put("deletions", records.stream().filter(PendingRecord::isTombstone).count());
    return Reply.json(200, answer);
  }
}
