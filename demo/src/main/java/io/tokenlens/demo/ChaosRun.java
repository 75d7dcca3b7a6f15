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
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A chaos run on the local stack: the stack and the ingest, streams and sink services up, steady
 * traffic through the collectors ({@link TrafficDriver}) through a fault-free phase and then one
 * phase per fault ({@link FaultInjector}: kill, down, restart, healthy), the traffic stopped and
 * every request accepted or given up, the pipeline drained, and the {@link Ledger} held against
 * what landed in ClickHouse ({@link LedgerTable}).
 */
final class ChaosRun {
  /**
   * How the run ended: the table, whether the pipeline drained and every request was settled, and
   * the minute rollups held against the rows.
   */
  record Result(
      LedgerTable table,
      boolean drained,
      boolean settled,
      RollupCheck.Result rollups,
      FindingsCheck.Result findings) {
    boolean passed() {
      return drained && settled && table.clean() && rollups.agrees();
    }
  }

  private final StackSettings stack;
  private final ServiceSettings ports;
  private final ChaosOptions options;
  private final PrintStream out;
  private final Clock clock;

  ChaosRun(
      StackSettings stack,
      ServiceSettings ports,
      ChaosOptions options,
      PrintStream out,
      Clock clock) {
    this.stack = stack;
    this.ports = ports;
    this.options = options;
    this.out = out;
    this.clock = clock;
  }

  Result run() throws Exception {
    Stages stages = new Stages(out, 5);
    LocalStack localStack = new LocalStack(stack);
    stages.run(
        "stack",
        "Kafka, schema registry, ClickHouse in " + stack.dataDir() + ", the shipped prices",
        () -> {
          localStack.up(out);
          CatalogTopics.provision(stack, out);
          // the scripted waste's cost and the rollups' cost are then compared as amounts, not 0
          return DefaultPricesPublisher.publish(
              stack.kafkaBootstrapServers(),
              Topics.MODEL_PRICES.name(),
              Map.of("schema.registry.url", stack.schemaRegistryUrl()));
        });
    ServiceSecrets secrets = ServiceSecrets.loadOrCreate(ServiceSecrets.file(stack));
    ServiceSupervisor services =
        new ServiceSupervisor(stack, PipelineServices.of(stack, ports, secrets));
    FaultInjector injector = new FaultInjector(localStack, services);
    injector.check(options.faults());
    stages.run(
        "services",
        "ingest, streams and sink in the background (logs in " + stack.dataDir() + ")",
        () -> {
          injector.upUntilHealthy(out);
          return null;
        });
    String runId = Long.toString(clock.millis() / 1000, 36);
    Ledger ledger = new Ledger();
    boolean settled;
    try (TrafficDriver traffic =
            new TrafficDriver(
                URI.create(ports.ingestUrl()),
                secrets.apiKey(),
                secrets.githubSecret(),
                runId,
                options.eventsPerSecond(),
                options.webhooksPerSecond(),
                ledger,
                clock);
        WasteScript script = new WasteScript(traffic, stack.clickhouseJdbcUrl(), runId, clock)) {
      settled =
          stages.run(
              "faults",
              String.format(
                  Locale.ROOT,
                  "%d events/s and %d webhooks/s through %s (run %s), a fault-free phase, then %s",
                  options.eventsPerSecond(),
                  options.webhooksPerSecond(),
                  ports.ingestUrl(),
                  runId,
                  options.faults()),
              () -> faults(traffic, script, injector));
    }
    DrainWaiter.Result drained =
        stages.run("drain", "until the streams and sink groups have no lag", this::drain);
    LandedIds landed = new LandedIds(stack.clickhouseJdbcUrl());
    Map<String, Long> events = landed.events(runId);
    String eventPrefix = LandedIds.eventPrefix(runId);
    LedgerTable table =
        LedgerTable.of(
            ledger, events, landed.deliveries(runId), label -> eventPrefix + label + "-");
    RollupCheck.Result rollups = new RollupCheck(stack.clickhouseJdbcUrl()).compare(eventPrefix);
    List<Fault> phases = new ArrayList<>(List.of(Fault.NONE));
    phases.addAll(options.faults());
    FindingsCheck check = new FindingsCheck(stack.clickhouseJdbcUrl(), runId, phases);
    FindingsCheck.Result findings =
        stages.run(
            "findings",
            "until every phase's scripted findings and PR attribution are in ClickHouse (at most "
                + FINDINGS_WAIT.toMinutes()
                + " min)",
            () -> check.awaitAndCompare(FINDINGS_WAIT, out));
    out.println();
    out.print(table.render());
    out.printf(
        Locale.ROOT,
        "token_usage, the run's ids: count() %d, uniqExact(event_id) %d%n",
        events.values().stream().mapToLong(Long::longValue).sum(),
        events.size());
    out.println(rollups.render());
    out.println(findings.render());
    out.println(stages.summary());
    Result result = new Result(table, drained.drained(), settled, rollups, findings);
    if (!drained.drained()) {
      out.println(
          "warning: the pipeline had not drained after " + options.maxWait().toSeconds() + " s");
    }
    if (!settled) {
      out.println("warning: some requests were still being retried when the traffic was stopped");
    }
    if (!result.passed()) {
      out.println("FAILED");
    } else if (!findings.agrees()) {
      out.println(
          "FAILED: the scripted findings or PR attribution of a fault phase differ from the clean"
              + " phase's, or were not there to compare");
    } else {
      out.println(
          "passed: every accepted event and delivery landed exactly once, the rollups agree with"
              + " the rows, and every phase's findings and PR attribution equal the clean phase's");
    }
    return result;
  }

  private boolean faults(TrafficDriver traffic, WasteScript script, FaultInjector injector)
      throws Exception {
    long start = System.nanoTime();
    traffic.phase(Fault.NONE);
    traffic.start();
    script.begin(Fault.NONE, 0);
    pause(options.lead().plus(options.tail()));
    for (int i = 0; i < options.faults().size(); i++) {
      Fault fault = options.faults().get(i);
      traffic.phase(fault);
      script.begin(fault, i + 1);
      pause(options.lead());
      double killedAt = (System.nanoTime() - start) / 1e9;
      FaultInjector.Injection injection = injector.inject(fault, options.down());
      out.printf(
          Locale.ROOT,
          "%-16s killed at %6.1f s: %s; healthy again %.1f s after the restart began%n",
          fault.label(),
          killedAt,
          String.join(", ", injection.killed()),
          injection.healthyAfter().toMillis() / 1000.0);
      pause(options.tail());
    }
    boolean scripted =
        script.finish(
            WasteScript.STEP_WAIT
                .multipliedBy(2)
                .plus(TrafficDriver.GIVE_UP_AFTER.multipliedBy(3)));
    boolean settled =
        traffic.finish(TrafficDriver.GIVE_UP_AFTER.plus(Duration.ofSeconds(30))) && scripted;
    out.printf(Locale.ROOT, "traffic stopped: %d requests made%n", traffic.requests());
    return settled;
  }

  private static void pause(Duration d) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(d.toMillis()); // traffic runs meanwhile
  }

  private DrainWaiter.Result drain() throws Exception {
    try (LagReader lags = new LagReader(stack)) {
      return new DrainWaiter(
              lags.lag(),
              new RowCounts(stack.clickhouseJdbcUrl()),
              List.of(
                  new DrainWaiter.Group("streams", PipelineServices.STREAMS_APPLICATION_ID),
                  new DrainWaiter.Group("sink", PipelineServices.SINK_GROUP_ID)),
              QUIET,
              Duration.ZERO,
              options.maxWait(),
              out,
              clock)
          .await();
    }
  }

  /**
   * How long the findings of the scripted waste are waited for after the drain: LOOPING_AGENT
   * decides up to a minute plus {@code streams.detect.grace.ms} (60 s) after its events,
   * ABANDONED_SPEND {@code streams.detect.abandoned.spend.settle.ms} (60 s) after the close.
   */
  static final Duration FINDINGS_WAIT = Duration.ofMinutes(4);

  /** How long both groups must have had no lag to call the pipeline drained. */
  static final Duration QUIET = Duration.ofSeconds(5);
}
