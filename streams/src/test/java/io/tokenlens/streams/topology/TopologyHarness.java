package io.tokenlens.streams.topology;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.registry.MockSchemaRegistry;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The job's topology in a {@link TopologyTestDriver} with an in-memory registry, a topic prefix,
 * and typed input and output topics. Every input is piped with an explicit timestamp.
 */
public final class TopologyHarness implements AutoCloseable {

  public static final Duration WINDOW = Duration.ofMinutes(1);
  public static final Duration GRACE = Duration.ofSeconds(30);
  public static final Duration DEDUP = Duration.ofHours(1);
  public static final Duration PR_WINDOW = Duration.ofHours(6);
  public static final String PREFIX = "t.";

  /** The driver's wall clock at start. */
  public static final Instant START = Instant.parse("2026-03-02T12:00:00Z");

  private final String scope = "harness-" + UUID.randomUUID();
  private final StreamsAppConfig config;
  private final TopicSerdes serdes;
  private final TopologyTestDriver driver;
  public final TestInputTopic<String, TokenUsage> usage;
  public final TestInputTopic<String, DirectoryEntry> directory;
  public final TestInputTopic<String, ModelPrice> prices;
  public final TestOutputTopic<String, TokenUsage> enriched;
  public final TestOutputTopic<String, UsageRollup> rollups;
  public final TestOutputTopic<String, LateRecord> late;
  public final TestInputTopic<String, PullRequestEvent> prEvents;
  public final TestInputTopic<String, PullRequestReview> reviews;
  public final TestOutputTopic<String, PrAttribution> attributions;
  public final TestInputTopic<String, IncidentEvent> incidents;
  public final TestOutputTopic<String, IncidentLink> incidentLinks;
  public final TestOutputTopic<String, BurnAlert> burnAlerts;
  public final TestInputTopic<String, AgentActivity> activity;
  public final TestOutputTopic<String, WasteFinding> findings;

  /** {@code pr-attribution} as an input, for the parts of the job that read it back. */
  public final TestInputTopic<String, PrAttribution> attributionsIn;

  /** {@code incident-links} as an input, for the parts of the job that read it. */
  public final TestInputTopic<String, IncidentLink> incidentLinksIn;

  private Instant wallClock = START;

  public TopologyHarness(Path stateDir) {
    this(stateDir, Map.of());
  }

  /**
   * The job's topology with the test settings, then {@code overrides} (e.g. a detector's setting).
   */
  public TopologyHarness(Path stateDir, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    values.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "unused:9092");
    values.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    values.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
    values.put(StreamsAppConfig.ROLLUP_WINDOW_MS, Long.toString(WINDOW.toMillis()));
    values.put(StreamsAppConfig.ROLLUP_GRACE_MS, Long.toString(GRACE.toMillis()));
    values.put(StreamsAppConfig.DEDUP_WINDOW_MS, Long.toString(DEDUP.toMillis()));
    values.put(StreamsAppConfig.PR_ATTRIBUTION_WINDOW_MS, Long.toString(PR_WINDOW.toMillis()));
    // each attribution update at once, so that a test reads the attribution after each input; the
    // coalescing
    // interval has its own test (PrAttributionCoalescingTest)
    values.put(StreamsAppConfig.PR_ATTRIBUTION_EMIT_INTERVAL_MS, "0");
    values.put(TopicSettings.NAME_PREFIX, PREFIX);
    // the driver has one partition of every topic, so one task sums the spend for the alerts
    values.put(TopicSettings.STREAM_PARTITIONS, "1");
    // the driver processes each record as it is piped: a task waiting for its other inputs would
    // hold it
    values.put(StreamsAppConfig.MAX_TASK_IDLE_MS, "0");
    values.putAll(overrides);
    config = StreamsAppConfig.fromMap(values);
    serdes = new TopicSerdes(config.serdeProperties());
    driver =
        new TopologyTestDriver(TokenlensTopology.build(config), config.streamsProperties(), START);
    usage = input(Topics.TOKEN_USAGE);
    directory = input(Topics.DIRECTORY);
    prices = input(Topics.MODEL_PRICES);
    enriched = output(Topics.TOKEN_USAGE_ENRICHED);
    rollups = output(Topics.USAGE_ROLLUPS);
    late = output(Topics.LATE_RECORDS);
    prEvents = input(Topics.PR_EVENTS);
    reviews = input(Topics.PR_REVIEWS);
    attributions = output(Topics.PR_ATTRIBUTION);
    activity = input(Topics.AGENT_ACTIVITY);
    findings = output(Topics.WASTE_FINDINGS);
    attributionsIn = input(Topics.PR_ATTRIBUTION);
    incidentLinksIn = input(Topics.INCIDENT_LINKS);
    incidents = input(Topics.INCIDENT_EVENTS);
    incidentLinks = output(Topics.INCIDENT_LINKS);
    burnAlerts = output(Topics.BURN_ALERTS);
  }

  /**
   * Moves the driver's wall clock forward to {@code at}, firing the wall-clock punctuations that
   * are due.
   */
  /** Advances the driver's wall clock by {@code by}, running the wall-clock punctuations due. */
  public void advanceWallClockBy(Duration by) {
    driver.advanceWallClockTime(by);
    wallClock = wallClock.plus(by);
  }

  public void advanceWallClockTo(Instant at) {
    if (at.isAfter(wallClock)) {
      driver.advanceWallClockTime(Duration.between(wallClock, at));
      wallClock = at;
    }
  }

  /** The job's counter {@code name} ({@code <counter>-total}), summed over its operators. */
  public double counter(String name) {
    return driver.metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().group().equals("stream-tokenlens-metrics")
                    && e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  public StreamsAppConfig config() {
    return config;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  /**
   * Pipes a usage event keyed as the collectors key it, with the record timestamp the producer
   * would set.
   */
  public void pipe(TokenUsage event, Instant recordTime) {
    usage.pipeInput(Topics.TOKEN_USAGE.key(event), event, recordTime);
  }

  public void pipe(DirectoryEntry entry) {
    directory.pipeInput(Topics.DIRECTORY.key(entry), entry, entry.getUpdatedAt());
  }

  /** Pipes a pull-request event keyed by its repository, at its event time. */
  public void pipe(PullRequestEvent event) {
    prEvents.pipeInput(Topics.PR_EVENTS.key(event), event, event.getOccurredAt());
  }

  /** Pipes a pull-request review keyed by its repository, at its event time. */
  public void pipe(PullRequestReview review) {
    reviews.pipeInput(Topics.PR_REVIEWS.key(review), review, review.getOccurredAt());
  }

  /** Pipes an incident event keyed by its service, at its event time. */
  public void pipe(IncidentEvent event) {
    incidents.pipeInput(Topics.INCIDENT_EVENTS.key(event), event, event.getOccurredAt());
  }

  /** Pipes agent activity keyed as the collectors key it (by session), at its event time. */
  public void pipe(AgentActivity event) {
    activity.pipeInput(Topics.AGENT_ACTIVITY.key(event), event, event.getOccurredAt());
  }

  public void pipe(ModelPrice price) {
    prices.pipeInput(Topics.MODEL_PRICES.key(price), price, price.getEffectiveFrom());
  }

  public String name(Topic<?> topic) {
    return config.topicSettings().name(topic);
  }

  private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
    return driver.createInputTopic(
        name(topic), Serdes.String().serializer(), serdes.valueSerializer(topic));
  }

  private <V extends SpecificRecord> TestOutputTopic<String, V> output(Topic<V> topic) {
    return driver.createOutputTopic(
        name(topic), Serdes.String().deserializer(), serdes.valueDeserializer(topic));
  }

  @Override
  public void close() {
    driver.close();
    serdes.close();
    MockSchemaRegistry.dropScope(scope);
  }
}
