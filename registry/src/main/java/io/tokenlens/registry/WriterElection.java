package io.tokenlens.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one instance that writes, with Kafka's own group membership: every instance joins the
 * consumer group {@code tokenlens-schema-registry-writer.<topic>} subscribed to the
 * single-partition schema topic, and the member the partition is assigned to is the writer. The
 * partition stays paused, so the group only carries the lease and fetches nothing.
 *
 * <ul>
 *   <li>The cooperative sticky assignor keeps the partition where it is when another instance
 *       joins: a running writer stays the writer, the newcomer becomes a follower.
 *   <li>A writer that stops leaves the group and a follower is assigned the partition at once; a
 *       writer that dies is replaced after the session timeout (10 s).
 *   <li>Group membership alone could leave a paused ex-writer believing it still writes, so the new
 *       writer also fences it ({@link KafkaSchemaLog#activate}): its next write fails and it turns
 *       into a follower.
 *   <li>Followers forward writes to the address the writer announced in the log.
 * </ul>
 */
public final class WriterElection implements WriterRole, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WriterElection.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

  private final RegistryConfig config;
  private final KafkaSchemaLog schemaLog;
  private final RegistryState state;
  private final String instanceId;
  private final TopicPartition partition;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Object changed = new Object();
  private volatile boolean running = true;
  private volatile boolean joined;
  private volatile boolean activationWanted;
  private String advertisedUrl;

  public WriterElection(
      RegistryConfig config, KafkaSchemaLog schemaLog, RegistryState state, String instanceId) {
    this.config = config;
    this.schemaLog = schemaLog;
    this.state = state;
    this.instanceId = instanceId;
    this.partition = new TopicPartition(config.topic(), 0);
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "schema-writer-election-" + config.topic());
    this.thread.setDaemon(true);
  }

  /** Joins the election; {@code url} is where this instance takes writes if elected. */
  public void start(String url) {
    this.advertisedUrl = url;
    thread.start();
  }

  /** Waits until this instance knows whether it is the writer (true) or not (false). */
  public boolean awaitSettled(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (!settled()) {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
          return false;
        }
        waitForChange(remainingMs);
      }
      return true;
    }
  }

  private boolean settled() {
    return joined && (!activationWanted || schemaLog.isActive());
  }

  @Override
  public boolean isWriter() {
    return schemaLog.isActive();
  }

  @Override
  public Optional<URI> awaitOtherWriter(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (changed) {
      while (true) {
        if (schemaLog.isActive()) {
          return Optional.empty();
        }
        if (joined && !activationWanted) {
          Optional<StoreRecord.WriterAnnounced> writer =
              state.writer().filter(w -> !w.instanceId().equals(instanceId));
          if (writer.isPresent()) {
            return Optional.of(URI.create(writer.get().url()));
          }
        }
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0) {
          return Optional.empty();
        }
        // the writer's announcement arrives through the log reader: look again shortly
        waitForChange(Math.min(remainingMs, 100));
      }
    }
  }

  private void waitForChange(long millis) {
    try {
      changed.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.operationTimeout("interrupted while waiting for the writer");
    }
  }

  private void signal() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  private void run() {
    consumer.subscribe(List.of(config.topic()), new Listener());
    long nextAttempt = 0;
    while (running) {
      try {
        consumer.poll(Duration.ofMillis(200));
        if (schemaLog.takeFenced()) {
          // another producer initialised with our transactional id: rejoin so the group decides
          log.info("Writer role for {} was taken over; rejoining the election", config.topic());
          activationWanted = false;
          consumer.unsubscribe();
          consumer.subscribe(List.of(config.topic()), new Listener());
        }
        if (activationWanted
            && !schemaLog.isActive()
            && System.nanoTime() >= nextAttempt
            && !activate()) {
          nextAttempt = System.nanoTime() + RETRY_BACKOFF.toNanos();
        }
      } catch (WakeupException e) {
        // closing
      } catch (KafkaException e) {
        log.warn("Writer election for {} failed, retrying: {}", config.topic(), e.toString());
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  /** Takes the writer role; false (logged) when that failed and should be retried later. */
  private boolean activate() {
    try {
      schemaLog.activate(advertisedUrl);
      log.info(
          "This instance holds the writer role for {} and takes writes at {}",
          config.topic(),
          advertisedUrl);
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "Could not take the writer role for {}, retrying in {} ms: {}",
          config.topic(),
          RETRY_BACKOFF.toMillis(),
          e.toString());
      return false;
    } finally {
      signal();
    }
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.contains(partition)) {
        consumer.pause(List.of(partition));
        activationWanted = true;
        log.info("Elected writer for {}", config.topic());
      }
      joined = true;
      signal();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      giveUp(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      giveUp(partitions, "lost");
    }

    private void giveUp(Collection<TopicPartition> partitions, String how) {
      if (partitions.contains(partition)) {
        activationWanted = false;
        schemaLog.deactivate();
        log.info("Writer lease for {} {}; this instance is a follower now", config.topic(), how);
        signal();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    schemaLog.deactivate();
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-election-" + instanceId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.writerGroupId());
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return props;
  }
}
