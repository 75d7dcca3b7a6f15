package io.tokenlens.demo;

import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.simulator.wire.ClaudeCodeLogs;
import io.tokenlens.simulator.wire.GitHubWebhooks;
import io.tokenlens.simulator.wire.HttpDelivery;
import io.tokenlens.simulator.wire.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;

/**
 * Steady traffic through a running ingest service: every {@link #TICK} a share of the events per
 * second as Claude Code OTLP log exports of {@link #BATCH} events each, and GitHub {@code
 * pull_request} deliveries, each request sent by one of {@link #SENDERS} threads until the
 * collector accepts it, as an OTLP exporter or a webhook sender retries: after {@code Retry-After}
 * on a 503 or 429, after a pause on a failed connection or another 5xx; a 4xx is final. Every
 * answer goes to the {@link Ledger}, under the fault phase the request was made in.
 *
 * <p>Event ids are {@code claude-code:chaos-<run>-<fault>-<n / 100>:<n>} (a session of a hundred
 * events, sequence {@code n}), delivery ids {@code chaos-<run>-<fault>-pr-<n>}: each phase's ids
 * are told apart in ClickHouse by their prefix.
 */
final class TrafficDriver implements AutoCloseable {
  static final int BATCH = 10;
  static final Duration TICK = Duration.ofMillis(100);
  static final int SENDERS = 16;

  /** How long one request is tried before it counts as given up. */
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(2);
  private static final long SESSION_EVENTS = 100;

  private final URI ingest;
  private final String apiKey;
  private final String runId;
  private final int eventsPerSecond;
  private final int webhooksPerSecond;
  private final Ledger ledger;
  private final Clock clock;
  private final ClaudeCodeLogs logs = new ClaudeCodeLogs(Scenario.DEFAULTS);
  private final GitHubWebhooks github;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
  private final AtomicReference<Fault> phase = new AtomicReference<>(Fault.NONE);
  private final AtomicLong nextEvent = new AtomicLong();
  private final AtomicLong nextDelivery = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private long ticks;

  TrafficDriver(
      URI ingest,
      String apiKey,
      String githubSecret,
      String runId,
      int eventsPerSecond,
      int webhooksPerSecond,
      Ledger ledger,
      Clock clock) {
    this.ingest = ingest;
    this.apiKey = apiKey;
    this.runId = runId;
    this.eventsPerSecond = eventsPerSecond;
    this.webhooksPerSecond = webhooksPerSecond;
    this.ledger = ledger;
    this.clock = clock;
    this.github = new GitHubWebhooks(githubSecret);
  }

  /** The phase the requests made from now on belong to. */
  void phase(Fault fault) {
    ledger.phase(fault);
    phase.set(fault);
  }

  void start() {
    ticker.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The requests made so far (each counted once, however often it was retried). */
  long requests() {
    return requests.get();
  }

  /**
   * Stops making requests and waits until every request made was accepted or given up.
   *
   * @return false when some were still being tried after {@code wait}
   */
  boolean finish(Duration wait) throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(10, TimeUnit.SECONDS);
    senders.shutdown();
    return senders.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long ticksPerSecond = Duration.ofSeconds(1).dividedBy(TICK);
    long tick = ticks++;
    Fault fault = phase.get();
    // the events of this tick: its share of the second, spread so the second adds up
    long events =
        eventsPerSecond * (tick % ticksPerSecond + 1) / ticksPerSecond
            - eventsPerSecond * (tick % ticksPerSecond) / ticksPerSecond;
    for (long sent = 0; sent < events; sent += BATCH) {
      submit(fault, usageExport(fault, (int) Math.min(BATCH, events - sent)));
    }
    long deliveries =
        webhooksPerSecond * (tick % ticksPerSecond + 1) / ticksPerSecond
            - webhooksPerSecond * (tick % ticksPerSecond) / ticksPerSecond;
    for (long d = 0; d < deliveries; d++) {
      submit(fault, pullRequest(fault));
    }
  }

  /** An export request and the ids of the events it carries. */
  private record Request(HttpDelivery delivery, List<String> eventIds, String deliveryId) {}

  private Request usageExport(Fault fault, int size) {
    Instant now = clock.instant();
    List<SpecificRecord> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      long n = nextEvent.getAndIncrement();
      String session = "chaos-" + runId + "-" + fault.label() + "-" + n / SESSION_EVENTS;
      TokenUsage usage =
          TokenUsages.aRequest()
              .session(session)
              .prompt(session + "-p")
              .sequence(n)
              .at(now)
              .tokens(1_000 + n % 500, 2_000, 0, 200 + n % 100)
              .build();
      batch.add(usage);
      ids.add("claude-code:" + session + ":" + n);
    }
    return new Request(logs.export(batch, now), ids, null);
  }

  private Request pullRequest(Fault fault) {
    Instant now = clock.instant();
    long n = nextDelivery.getAndIncrement();
    String deliveryId = "chaos-" + runId + "-" + fault.label() + "-pr-" + n;
    return new Request(
        github.pullRequest(
            PullRequests.anOpenedPr()
                .repository("chaos/run-" + runId)
                .number(n + 1)
                .branch("chaos/" + n)
                .createdAt(now)
                .at(now)
                .with(b -> b.setDeliveryId(deliveryId))
                .build()),
        List.of(),
        deliveryId);
  }

  /**
   * Sends one Claude Code export of a session's requests now, on the caller's thread, retried as
   * the steady traffic's are and recorded in the ledger under {@code fault}.
   *
   * @return whether the collector accepted it
   */
  boolean sendUsage(Fault fault, List<TokenUsage> usages) {
    List<String> ids =
        usages.stream()
            .map(u -> "claude-code:" + u.getSessionId() + ":" + u.getEventSequence())
            .toList();
    Request request = new Request(logs.export(new ArrayList<>(usages), clock.instant()), ids, null);
    requests.incrementAndGet();
    return sendUntilAccepted(fault, request);
  }

  /** Sends one GitHub {@code pull_request} delivery now, as {@link #sendUsage} sends usage. */
  boolean sendPullRequest(Fault fault, PullRequestEvent event) {
    Request request =
        new Request(github.pullRequest(event), List.of(), String.valueOf(event.getDeliveryId()));
    requests.incrementAndGet();
    return sendUntilAccepted(fault, request);
  }

  private void submit(Fault fault, Request request) {
    requests.incrementAndGet();
    senders.execute(() -> sendUntilAccepted(fault, request));
  }

  private boolean sendUntilAccepted(Fault fault, Request request) {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (System.nanoTime() < deadline) {
      Duration pause = RETRY_PAUSE;
      try {
        HttpResponse<String> r =
            client.send(
                request.delivery().request(ingest, apiKey), HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status / 100 == 2) {
          if (request.deliveryId() != null) {
            ledger.acceptedDelivery(fault, request.deliveryId());
          } else {
            ledger.acceptedEvents(fault, request.eventIds());
          }
          return true;
        }
        boolean unavailable = status == 503 || status == 429;
        ledger.answered(
            fault,
            Integer.toString(status),
            status == 503 && r.headers().firstValue("Retry-After").isEmpty());
        if (status / 100 == 4 && status != 429) {
          ledger.gaveUp(fault);
          return false;
        }
        if (unavailable) {
          pause = retryAfter(r);
        }
      } catch (IOException e) {
        ledger.answered(fault, "connection", false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ledger.gaveUp(fault);
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pause.toMillis()); // a client's back-off, not a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ledger.gaveUp(fault);
        return false;
      }
    }
    ledger.gaveUp(fault);
    return false;
  }

  private static Duration retryAfter(HttpResponse<String> r) {
    long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
    Duration asked = Duration.ofSeconds(Math.max(0, seconds));
    return asked.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : asked;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    senders.shutdownNow();
  }
}
