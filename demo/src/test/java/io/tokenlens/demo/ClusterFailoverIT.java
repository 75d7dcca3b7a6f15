package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.localstack.CatalogTopics;
import io.tokenlens.localstack.KafkaBroker;
import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.PidFile;
import io.tokenlens.localstack.PipelineServices;
import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.StackException;
import io.tokenlens.localstack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams and two sink instances on a private three-broker cluster (free loopback ports, its
 * own data directory) under steady load: the broker coordinating the streams group and then one
 * streams instance are killed with SIGKILL and restarted; every acknowledged event lands in
 * ClickHouse's token_usage exactly once. Prints, for each kill, how long until every event sent
 * before the restart was in ClickHouse (the failover, the standby's restore and the outage's
 * backlog through the whole pipeline) and the highest lag of each group meanwhile.
 */
class ClusterFailoverIT {
  private static final int EVENTS_PER_SECOND = 20;
  private static final Duration WARM_UP = Duration.ofSeconds(30);
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final Duration RECOVERY_BOUND = Duration.ofMinutes(5);
  private static final String PREFIX = "cluster";

  /**
   * Warm copies of each task's stores ({@code -Dtokenlens.failover.standby.replicas=0} measures a
   * failover that restores the killed instance's tasks from the changelogs).
   */
  private static final int STANDBY_REPLICAS =
      Integer.getInteger("tokenlens.failover.standby.replicas", 1);

  @TempDir Path dataDir;
  private StackSettings stack;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  @AfterEach
  void stopEverything() throws Exception {
    for (ServiceProcess service : services) {
      service.close();
    }
    if (stack != null) {
      new LocalStack(stack).down(false, quiet());
    }
  }

  @Test
  void shouldLandEveryEventOnceWhenABrokerAndAStreamsInstanceAreKilledUnderLoad() throws Exception {
    stack = clusterOfThree();
    upUntilReady(log);
    CatalogTopics.provision(stack, log);
    ServiceProcess sinkA = start(sink("sink-a"));
    start(sink("sink-b"));
    ServiceProcess streamsA = start(streams("streams-a"));
    ServiceProcess streamsB = start(streams("streams-b"));
    List<ServiceProcess> streams = List.of(streamsA, streamsB);
    log.printf("cluster failover: standby replicas %d%n", STANDBY_REPLICAS);

    try (SteadyLoad load =
        new SteadyLoad(
            stack.kafkaBootstrapServers(), stack.schemaRegistryUrl(), PREFIX, EVENTS_PER_SECOND)) {
      load.start();
      Thread.sleep(WARM_UP.toMillis()); // the warm-up's length: a schedule, not a wait

      KafkaBroker coordinator = streamsGroupCoordinator();
      Duration brokerKill =
          fault(
              "kill " + coordinator.name() + " (the streams group's coordinator)",
              () -> killBroker(coordinator),
              () -> upUntilReady(quiet()),
              load);
      printRestores(streams);
      Duration streamsKill =
          fault("kill " + streamsA.name(), streamsA::kill, streamsA::start, load);
      printRestores(streams);

      load.stop();
      assertThat(load.failed()).as("sends Kafka failed").isEmpty();
      awaitDrained(load.sent());
      long[] landed = landed();
      log.printf(
          "cluster failover: %d events sent and acknowledged, token_usage count %d, distinct %d%n",
          load.acknowledged().size(), landed[0], landed[1]);
      log.printf(
          "cluster failover: broker kill  → the outage's events in ClickHouse %.1f s after it%n",
          brokerKill.toMillis() / 1e3);
      log.printf(
          "cluster failover: streams kill → the outage's events in ClickHouse %.1f s after it%n",
          streamsKill.toMillis() / 1e3);
      assertThat(load.acknowledged()).hasSize((int) load.sent());
      assertThat(landed)
          .as("count(), uniqExact(event_id)")
          .containsExactly(load.sent(), load.sent());
      assertThat(sinkA.isAlive()).as("the sink survived the broker kill").isTrue();
    }
  }

  /** What each streams instance restored from the changelogs since it started, and how long. */
  private void printRestores(List<ServiceProcess> streams) {
    for (ServiceProcess instance : streams) {
      log.printf(
          "cluster failover: %s restored %s records from changelogs in %s s since it started%n",
          instance.name(),
          instance.metric("tokenlens_streams_restored_records_total"),
          instance.metric("tokenlens_streams_restoring_seconds_total"));
    }
  }

  /** A three-broker stack on free loopback ports, in the test's own data directory. */
  private StackSettings clusterOfThree() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_HOME", dataDir.toString());
    env.put("TOKENLENS_KAFKA_HEAP", "512m");
    env.put(StackSettings.KAFKA_BROKERS, "3");
    int base = freeBlock(6);
    env.put("TOKENLENS_KAFKA_PORT", Integer.toString(base));
    env.put("TOKENLENS_KAFKA_CONTROLLER_PORT", Integer.toString(base + 1));
    env.put("TOKENLENS_SCHEMA_REGISTRY_PORT", Integer.toString(freePort()));
    env.put("TOKENLENS_CLICKHOUSE_PORT", Integer.toString(freePort()));
    return StackSettings.fromEnvironment(RepoLayout.locate(), env);
  }

  /**
   * Runs one fault under load: {@code kill}, the outage, {@code restart}, then waits until every
   * event sent before the restart is in token_usage.
   *
   * @return how long after the kill the last of those events landed
   */
  private Duration fault(String what, Action kill, Action restart, SteadyLoad load)
      throws Exception {
    try (LagWatch streams = new LagWatch(stack, PipelineServices.STREAMS_APPLICATION_ID);
        LagWatch sink = new LagWatch(stack, PipelineServices.SINK_GROUP_ID)) {
      log.println("cluster failover: " + what);
      long killed = System.nanoTime();
      kill.run();
      Thread.sleep(OUTAGE.toMillis()); // the outage: a schedule, not a wait for a condition
      restart.run();
      long before = load.sent();
      log.printf(
          "cluster failover: restarted after %d s; waiting for the %d events sent so far%n",
          OUTAGE.toSeconds(), before);
      await(
          what + ": the " + before + " events sent before the restart in token_usage",
          () -> {
            long landed = landedBelow(before);
            log.printf(
                "cluster failover: %d of %d landed; lag streams %d, sink %d%n",
                landed, before, streams.lastLag(), sink.lastLag());
            return landed >= before;
          });
      Duration recovery = Duration.ofNanos(System.nanoTime() - killed);
      log.printf(
          "cluster failover: %s: highest lag streams %d, sink %d records%n",
          what, streams.maxLag(), sink.maxLag());
      return recovery;
    }
  }

  /**
   * {@code up}, again while a component missed its 90 s start limit, for at most {@link
   * #RECOVERY_BOUND}: on a busy machine a broker can take longer to join the quorum, and a second
   * {@code up} waits for what is running and starts only what is not.
   */
  private void upUntilReady(PrintStream out) throws Exception {
    long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
    while (true) {
      try {
        new LocalStack(stack).up(out);
        return;
      } catch (StackException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        log.println(
            "cluster failover: not ready yet, up again: "
                + e.getMessage().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
      }
    }
  }

  private KafkaBroker streamsGroupCoordinator() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
      int id =
          admin
              .describeConsumerGroups(List.of(PipelineServices.STREAMS_APPLICATION_ID))
              .all()
              .get()
              .get(PipelineServices.STREAMS_APPLICATION_ID)
              .coordinator()
              .id();
      return KafkaBroker.cluster(stack).get(id - 1);
    }
  }

  private void killBroker(KafkaBroker broker) throws InterruptedException {
    ProcessHandle process =
        new PidFile(broker.directory().resolve(broker.name() + ".pid"))
            .liveProcess()
            .orElseThrow(() -> new IllegalStateException(broker.name() + " is not running"));
    process.destroyForcibly();
    process.onExit().join();
  }

  private void awaitDrained(long events) throws Exception {
    await(
        "every event in token_usage and both groups without lag",
        () -> {
          try (LagReader reader = new LagReader(stack)) {
            return landed()[0] >= events
                && reader.lag().of(PipelineServices.STREAMS_APPLICATION_ID) == 0
                && reader.lag().of(PipelineServices.SINK_GROUP_ID) == 0;
          } catch (Exception e) {
            return false;
          }
        });
  }

  /** count() and uniqExact(event_id) of this run's events in token_usage. */
  private long[] landed() throws Exception {
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(), uniqExact(event_id) FROM token_usage"
                    + " WHERE startsWith(event_id, '"
                    + PREFIX
                    + "-')")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  /**
   * How many of this run's first {@code n} events (ids PREFIX-0 … PREFIX-(n-1)) token_usage has.
   */
  private long landedBelow(long n) {
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT uniqExact(event_id) FROM token_usage WHERE startsWith(event_id, '"
                    + PREFIX
                    + "-') AND toUInt64OrZero(substring(event_id, "
                    + (PREFIX.length() + 2)
                    + ")) < "
                    + n)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1; // ClickHouse did not answer this poll
    }
  }

  private ServiceProcess start(ServiceProcess service) throws Exception {
    services.add(service);
    service.start();
    await(service.name() + " healthy", service::isHealthy, service);
    return service;
  }

  private ServiceProcess streams(String name) throws IOException {
    int port = freePort();
    Map<String, String> env =
        PipelineServices.streamsEnvironment(
            stack,
            port,
            dataDir.resolve(name).resolve("state"),
            Map.of(
                "streams.num.standby.replicas",
                Integer.toString(STANDBY_REPLICAS),
                "streams.rocksdb.block.cache.bytes",
                Long.toString(64L << 20),
                "streams.rocksdb.write.buffer.bytes",
                Long.toString(32L << 20)));
    return new ServiceProcess(
        name,
        stack.repoRoot().resolve("streams"),
        "io.tokenlens.streams.StreamsMain",
        env,
        dataDir.resolve(name),
        port);
  }

  private ServiceProcess sink(String name) throws IOException {
    int port = freePort();
    return new ServiceProcess(
        name,
        stack.repoRoot().resolve("sink"),
        "io.tokenlens.sink.SinkMain",
        PipelineServices.sinkEnvironment(stack, port),
        dataDir.resolve(name),
        port);
  }

  private void await(String what, BooleanSupplier done) throws InterruptedException {
    await(what, done, null);
  }

  /** Polls {@code done} until it holds, for at most {@link #RECOVERY_BOUND}. */
  private void await(String what, BooleanSupplier done, ServiceProcess watched)
      throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
    while (!done.getAsBoolean()) {
      if (watched != null && !watched.isAlive()) {
        throw new AssertionError(
            what + ": the process exited; its log ends with:\n" + watched.logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what
                + ": not within "
                + RECOVERY_BOUND.toSeconds()
                + " s"
                + (watched == null ? "" : "; its log ends with:\n" + watched.logTail()));
      }
      Thread.sleep(2000); // polling processes and a cluster, not a fixed wait
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The first of {@code n} consecutive free loopback ports. */
  private static int freeBlock(int n) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
      if (allFree(base, n)) {
        return base;
      }
    }
    throw new IOException("no " + n + " consecutive free ports found");
  }

  private static boolean allFree(int base, int n) {
    for (int port = base; port < base + n; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** A step of a fault that may throw. */
  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }
}
