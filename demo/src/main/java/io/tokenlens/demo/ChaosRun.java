package io.tokenlens.demo;

import io.tokenlens.localstack.CatalogTopics;
import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.PipelineServices;
import io.tokenlens.localstack.ServiceSecrets;
import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.ServiceSupervisor;
import io.tokenlens.localstack.StackSettings;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
  record Result(LedgerTable table, boolean drained, boolean settled, RollupCheck.Result rollups) {
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
    Stages stages = new Stages(out, 4);
    LocalStack localStack = new LocalStack(stack);
    stages.run(
        "stack",
        "Kafka, schema registry, ClickHouse in " + stack.dataDir(),
        () -> {
          localStack.up(out);
          return CatalogTopics.provision(stack, out);
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
            clock)) {
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
              () -> faults(traffic, injector));
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
    out.println();
    out.print(table.render());
    out.printf(
        Locale.ROOT,
        "token_usage, the run's ids: count() %d, uniqExact(event_id) %d%n",
        events.values().stream().mapToLong(Long::longValue).sum(),
        events.size());
    out.println(rollups.render());
    out.println(stages.summary());
    Result result = new Result(table, drained.drained(), settled, rollups);
    if (!drained.drained()) {
      out.println(
          "warning: the pipeline had not drained after " + options.maxWait().toSeconds() + " s");
    }
    if (!settled) {
      out.println("warning: some requests were still being retried when the traffic was stopped");
    }
    out.println(
        result.passed()
            ? "passed: every accepted event and delivery landed exactly once, and the rollups"
                + " agree with the rows"
            : "FAILED");
    return result;
  }

  private boolean faults(TrafficDriver traffic, FaultInjector injector) throws Exception {
    long start = System.nanoTime();
    traffic.phase(Fault.NONE);
    traffic.start();
    pause(options.lead().plus(options.tail()));
    for (Fault fault : options.faults()) {
      traffic.phase(fault);
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
    boolean settled = traffic.finish(TrafficDriver.GIVE_UP_AFTER.plus(Duration.ofSeconds(30)));
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

  /** How long both groups must have had no lag to call the pipeline drained. */
  static final Duration QUIET = Duration.ofSeconds(5);
}
