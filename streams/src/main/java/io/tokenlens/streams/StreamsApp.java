package io.tokenlens.streams;

import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.health.Restorations;
import io.tokenlens.streams.state.CleanStop;
import io.tokenlens.streams.topology.TokenlensTopology;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link KafkaStreams} instance of the job: builds it from the configuration and the
 * topology, starts it, and closes it. A stream thread that dies of an unexpected error is replaced
 * (its tasks restart from the last committed transaction); the error is logged.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final CleanStop cleanStop;
  private final Restorations restorations = new Restorations();
  private final CountDownLatch stopped = new CountDownLatch(1);

  public StreamsApp(StreamsAppConfig config) {
    Topology topology = TokenlensTopology.build(config);
    log.debug("Topology:\n{}", topology.describe());
    this.streams = new KafkaStreams(topology, config.streamsProperties());
    this.cleanStop = new CleanStop(config.stateDir(), config.applicationId());
    streams.setStateListener(
        (now, before) -> {
          log.info("Streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
          }
        });
    streams.setGlobalStateRestoreListener(restorations);
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error("Stream thread failed; replacing it", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  /**
   * Starts processing; local state left by a run that did not stop cleanly is discarded first (see
   * {@link CleanStop}).
   */
  public void start() {
    if (cleanStop.lastRunStoppedUncleanly()) {
      log.warn(
          "The last run on this state directory did not stop cleanly; discarding its local state, which is "
              + "restored from the changelogs");
      streams.cleanUp();
    }
    cleanStop.running();
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Waits until the instance stopped, closed or failed; returns its final state. */
  public KafkaStreams.State awaitStop() throws InterruptedException {
    stopped.await();
    return streams.state();
  }

  /** The underlying instance, for metrics and state queries. */
  public KafkaStreams streams() {
    return streams;
  }

  /** The stores being restored now (the instance does not process them until they are). */
  public Restorations restorations() {
    return restorations;
  }

  /**
   * Stops processing, committing the open transaction, releases the state stores and leaves the
   * consumer group.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Closes within {@code timeout}. The instance leaves its group (Kafka Streams stays in it by
   * default): without a static {@code group.instance.id} a member that stays blocks the group's
   * next rebalance, and so every task of every instance, until its session times out (45 s), while
   * one that leaves hands its tasks over at once.
   */
  public void close(Duration timeout) {
    if (!streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(timeout))) {
      log.warn("Streams did not stop within {}", timeout);
    } else if (streams.state() == KafkaStreams.State.NOT_RUNNING) {
      cleanStop.stoppedCleanly();
    }
  }
}
