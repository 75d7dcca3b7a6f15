package io.tokenlens.demo;

import io.tokenlens.localstack.CatalogTopics;
import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.PipelineServices;
import io.tokenlens.localstack.ServiceSecrets;
import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.ServiceSupervisor;
import io.tokenlens.localstack.StackSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.DefaultPricesPublisher;
import io.tokenlens.simulator.ProviderExportPublisher;
import io.tokenlens.simulator.SimulateOptions;
import io.tokenlens.simulator.SimulationRun;
import io.tokenlens.simulator.coverage.SpendLabel;
import io.tokenlens.simulator.eval.Evaluation;
import io.tokenlens.simulator.eval.PatternScore;
import io.tokenlens.simulator.eval.ReplaySettings;
import io.tokenlens.simulator.eval.RevertScore;
import io.tokenlens.simulator.eval.SpendCoverageScore;
import io.tokenlens.simulator.eval.UsageProfileScore;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.reverts.PlantedRevert;
import io.tokenlens.streams.config.DetectorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's stages on one local stack: the stack up (and the topic catalog), the ingest, streams
 * and sink services running and healthy, the default prices published, the simulated organisation
 * sent through ingest, the pipeline drained. The report follows in {@code ./tokenlens demo} itself.
 */
final class DemoRun {
  /**
   * The demo replays simulated days in minutes, so its streams job runs with the evaluation's
   * replay settings (a detector and rollup grace of an hour, task idling, a minute for a
   * transaction; {@link ReplaySettings}): with the live default of a minute, processing skew
   * between the job's tasks, hours of simulated time, would send most requests to {@code
   * late-records}.
   */
  static final Map<String, String> REPLAY_STREAMS_SETTINGS = ReplaySettings.DEFAULT.streamsValues();

  /**
   * How long the drain waits at least: the longest settle time of the demo's detectors and two of
   * their punctuation intervals, as the settle-based findings are emitted only that long after
   * their inputs stop.
   */
  static final Duration DETECTOR_SETTLE =
      DetectorConfig.fromMap(REPLAY_STREAMS_SETTINGS)
          .longestSettle()
          .plus(Evaluation.DECISION_MARGIN);

  private final StackSettings stack;
  private final ServiceSettings ports;
  private final DemoOptions options;
  private final PrintStream out;
  private final Clock clock;

  DemoRun(
      StackSettings stack,
      ServiceSettings ports,
      DemoOptions options,
      PrintStream out,
      Clock clock) {
    this.stack = stack;
    this.ports = ports;
    this.options = options;
    this.out = out;
    this.clock = clock;
  }

  /** Runs every stage; false when the pipeline did not drain in time or requests failed. */
  boolean run() throws Exception {
    Stages stages = new Stages(out, 6);
    stages.run(
        "stack",
        "Kafka, schema registry, ClickHouse in " + stack.dataDir(),
        () -> {
          new LocalStack(stack).up(out);
          return CatalogTopics.provision(stack, out);
        });
    ServiceSecrets secrets = ServiceSecrets.loadOrCreate(ServiceSecrets.file(stack));
    stages.run(
        "services",
        "ingest, streams and sink in the background (logs in " + stack.dataDir() + ")",
        () ->
            new ServiceSupervisor(
                    stack, PipelineServices.of(stack, ports, secrets, REPLAY_STREAMS_SETTINGS))
                .up(out));
    stages.run(
        "prices",
        "the shipped default model prices to model-prices",
        () -> {
          int n =
              DefaultPricesPublisher.publish(
                  stack.kafkaBootstrapServers(),
                  Topics.MODEL_PRICES.name(),
                  Map.of("schema.registry.url", stack.schemaRegistryUrl()));
          out.printf(Locale.ROOT, "published %d prices%n", n);
          return n;
        });
    try (DemoNotifier notifier = new DemoNotifier(stack)) {
      return simulateAndDrain(stages, secrets, notifier);
    }
  }

  private boolean simulateAndDrain(Stages stages, ServiceSecrets secrets, DemoNotifier notifier)
      throws Exception {
    SimulationWindow window =
        new SimulationWindow(stack.dataDir().resolve("demo/simulation.properties"), clock);
    SimulateOptions simulate = simulateOptions(secrets, window);
    SimulationRun.Result sent =
        stages.run(
            "simulation",
            "an organisation through the collectors at " + ports.ingestUrl(),
            () -> {
              if (window.replays(simulate.end())) {
                out.println(
                    "replaying the last demo run (simulated time ending "
                        + simulate.end()
                        + "): the same"
                        + " seed and size send the same events again, which the pipeline deduplicates");
              }
              window.remember(simulate.end());
              SimulationRun.Result result = new SimulationRun(simulate, out).run();
              int rows =
                  ProviderExportPublisher.publish(
                      stack.kafkaBootstrapServers(),
                      Topics.PROVIDER_USAGE.name(),
                      Map.of("schema.registry.url", stack.schemaRegistryUrl()),
                      result.exports(),
                      clock.instant());
              out.printf(
                  Locale.ROOT,
                  "imported the provider usage exports of the simulated days: %d rows to"
                      + " provider-usage%n",
                  rows);
              return result;
            });
    DrainWaiter.Result drained =
        stages.run(
            "drain",
            "until the streams and sink consumer groups have had no lag"
                + " for "
                + options.quiet().toSeconds()
                + " s and ClickHouse answers, and at least "
                + options.settle().toSeconds()
                + " s (the detectors' settle time)",
            this::drain);
    drained
        .drainedAfter()
        .ifPresent(
            after ->
                out.printf(
                    Locale.ROOT,
                    "drained %.1f s after the simulation ended%n",
                    after.toMillis() / 1000.0));
    DemoNotifier.Result notified =
        stages.run(
            "notify",
            "until the alert notifier has delivered every alert and"
                + " finding to the demo's webhook receiver (recorded in "
                + notifier.file()
                + ")",
            () -> {
              try (LagReader lags = new LagReader(stack)) {
                return notifier.finish(
                    () -> lags.lag().of(DemoNotifier.GROUP_ID), options.maxWait());
              }
            });
    out.printf(
        Locale.ROOT,
        "notifications: %d delivered to the webhook, %d held back by the rate limit%s%n",
        notified.delivered(),
        notified.suppressed(),
        notified.caughtUp() ? "" : " (not caught up in time)");
    printSpendCoverage(sent.exports().labels());
    printUsageProfiles(sent.organisation(), firstDay(simulate));
    printReverts(sent.timeline().reverts(), firstDay(simulate));
    out.println(stages.summary());
    if (!drained.drained()) {
      out.println(
          "warning: the pipeline had not drained after "
              + options.maxWait().toSeconds()
              + " s (lag "
              + drained.lag()
              + "); the report shows what has landed so far");
    }
    if (sent.failures() > 0) {
      out.println("warning: " + sent.failures() + " simulated requests failed (see above)");
    }
    return drained.drained() && sent.failures() == 0;
  }

  /**
   * Scores the sink's {@code spend_coverage} over the simulated days against the exports' labels,
   * as the evaluation scores the detectors.
   */
  private void printSpendCoverage(List<SpendLabel> labels) throws SQLException {
    if (labels.isEmpty()) {
      return;
    }
    PatternScore score =
        SpendCoverageScore.score(
            labels,
            SpendCoverageRows.read(
                stack.clickhouseJdbcUrl(),
                labels.stream().map(SpendLabel::day).min(LocalDate::compareTo).orElseThrow(),
                labels.stream().map(SpendLabel::day).max(LocalDate::compareTo).orElseThrow()));
    out.printf(
        Locale.ROOT,
        "spend coverage: %d days and providers with uninstrumented spend planted, %d found by"
            + " spend_coverage, %d of them planted (precision %s, recall %s)%n",
        score.planted(),
        score.found(),
        score.truePositives(),
        ratio(score.precision()),
        ratio(score.recall()));
  }

  /**
   * Scores the report's adoption and usage-tier rules over the simulated days against the planted
   * usage profiles, as the evaluation scores the detectors.
   */
  private void printUsageProfiles(Organisation organisation, LocalDate since) throws SQLException {
    List<UsageProfileScore.Row> rows = UsageProfileRows.read(stack.clickhouseJdbcUrl(), since);
    for (PatternScore score : UsageProfileScore.scores(organisation, rows)) {
      out.printf(
          Locale.ROOT,
          "%s: %d engineers planted, %d %s, %d of them planted (precision %s, recall %s)%n",
          score.pattern().equals(UsageProfileScore.LOW_ADOPTION)
              ? "low adoption"
              : "heavy low-output",
          score.planted(),
          score.found(),
          score.pattern().equals(UsageProfileScore.LOW_ADOPTION)
              ? "listed by the adoption section"
              : "in the heaviest tier with under half the median tier's merged PRs",
          score.truePositives(),
          ratio(score.precision()),
          ratio(score.recall()));
    }
  }

  /**
   * Scores the pull requests {@code pr_outcomes} calls reverted against the planted reverts, as the
   * evaluation scores the detectors.
   */
  private void printReverts(List<PlantedRevert> reverts, LocalDate since) throws SQLException {
    PatternScore score =
        RevertScore.score(reverts, RevertedPrRows.read(stack.clickhouseJdbcUrl(), since));
    out.printf(
        Locale.ROOT,
        "reverted PRs: %d planted, %d found by pr_outcomes, %d of them planted, %d reverted only on"
            + " a revert branch (precision %s, recall %s)%n",
        score.planted(),
        score.found(),
        score.truePositives(),
        score.onLookAlike(),
        ratio(score.precision()),
        ratio(score.recall()));
  }

  /** The first UTC day of the simulated days. */
  private static LocalDate firstDay(SimulateOptions simulate) {
    return simulate
        .end()
        .minus(Duration.ofDays(simulate.days()))
        .atZone(ZoneOffset.UTC)
        .toLocalDate();
  }

  private static String ratio(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private SimulateOptions simulateOptions(ServiceSecrets secrets, SimulationWindow window)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("--labels", labels().toString()));
    args.addAll(options.simulateArgs());
    args.addAll(
        List.of(
            "--ingest-url",
            ports.ingestUrl(),
            "--api-key",
            secrets.apiKey(),
            "--github-secret",
            secrets.githubSecret(),
            "--pagerduty-secret",
            secrets.pagerdutySecret()));
    SimulateOptions parsed = SimulateOptions.parse(args.toArray(String[]::new), Map.of());
    if (options.endGiven()) {
      return parsed;
    }
    args.addAll(List.of("--end", window.end(parsed.days()).toString()));
    return SimulateOptions.parse(args.toArray(String[]::new), Map.of());
  }

  private Path labels() {
    return stack.dataDir().resolve("demo/labels.jsonl");
  }

  private DrainWaiter.Result drain() throws Exception {
    try (LagReader lags = new LagReader(stack)) {
      List<DrainWaiter.Group> groups =
          List.of(
              new DrainWaiter.Group("streams", PipelineServices.STREAMS_APPLICATION_ID),
              new DrainWaiter.Group("sink", PipelineServices.SINK_GROUP_ID));
      return new DrainWaiter(
              lags.lag(),
              new RowCounts(stack.clickhouseJdbcUrl()),
              groups,
              options.quiet(),
              options.settle(),
              options.maxWait(),
              out,
              clock)
          .await();
    }
  }
}
