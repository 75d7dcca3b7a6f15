package io.tokenlens.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log in Kafka: a reader thread that applies every committed record of the topic to
 * the {@link RegistryState}, and — while this instance holds the writer role — a transactional
 * producer ({@code transactional.id} fixed per topic, {@code acks=all}, idempotent) that appends
 * records and waits until the reader has applied them.
 *
 * <p>The reader uses {@code isolation.level=read_committed}, so a write a fenced writer could not
 * commit is never applied. {@link #activate} calls {@code initTransactions()}, which fences every
 * earlier producer with the same transactional id and aborts its open transaction, then reads the
 * topic to its end before the first write: a new writer always decides from the complete log.
 */
public final class KafkaSchemaLog implements SchemaLog, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);

  private final RegistryConfig config;
  private final Admin admin;
  private final RegistryState state;
  private final String instanceId;
  private final StoreRecordCodec codec = new StoreRecordCodec();
  private final TopicPartition partition;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread reader;
  private volatile boolean running = true;

  private final ReentrantLock positionLock = new ReentrantLock();
  private final Condition advanced = positionLock.newCondition();
  private long position;

  private final Object producerLock = new Object();
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean active;
  private final AtomicBoolean fenced = new AtomicBoolean();

  public KafkaSchemaLog(
      RegistryConfig config, Admin admin, RegistryState state, String instanceId) {
    this.config = config;
    this.admin = admin;
    this.state = state;
    this.instanceId = instanceId;
    this.partition = new TopicPartition(config.topic(), 0);
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.reader = new Thread(this::readLoop, "schema-log-reader-" + config.topic());
    this.reader.setDaemon(true);
  }

  /** Starts reading the topic from its beginning. */
  public void start() {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    reader.start();
  }

  private void readLoop() {
    while (running) {
      try {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
        advanceTo(consumer.position(partition));
      } catch (WakeupException e) {
        // closing
      } catch (KafkaException e) {
        log.warn("Reading schema topic {} failed, retrying: {}", config.topic(), e.toString());
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    try {
      codec.decode(record.key(), record.value()).ifPresent(state::apply);
    } catch (IllegalArgumentException e) {
      log.error(
          "Skipping undecodable record of {}-{} at offset {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private void advanceTo(long newPosition) {
    positionLock.lock();
    try {
      if (newPosition > position) {
        position = newPosition;
        advanced.signalAll();
      }
    } finally {
      positionLock.unlock();
    }
  }

  /** Waits until the reader has applied every record before {@code offset}. */
  private void awaitPosition(long offset, Duration timeout) {
    long remaining = timeout.toNanos();
    positionLock.lock();
    try {
      while (position < offset) {
        if (remaining <= 0) {
          throw RegistryException.operationTimeout(
              "the schema log reader of "
                  + config.topic()
                  + " did not reach offset "
                  + offset
                  + " within "
                  + timeout.toMillis()
                  + " ms");
        }
        remaining = advanced.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.operationTimeout("interrupted while waiting for the schema log");
    } finally {
      positionLock.unlock();
    }
  }

  /** Waits until the state shows every record committed to the topic so far. */
  public void readToEnd(Duration timeout) {
    long end;
    try {
      end =
          admin
              .listOffsets(
                  Map.of(partition, OffsetSpec.latest()),
                  new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .partitionResult(partition)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .offset();
    } catch (ExecutionException e) {
      throw RegistryException.storeError(
          "cannot read the end offset of " + config.topic() + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw RegistryException.operationTimeout(
          "Kafka did not answer the end offset of "
              + config.topic()
              + " within "
              + timeout.toMillis()
              + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.operationTimeout("interrupted while reading " + config.topic());
    }
    awaitPosition(end, timeout);
  }

  @Override
  public void awaitLatest() {
    readToEnd(config.writeTimeout());
  }

  /**
   * Whether a write found this instance fenced since the last call: another producer with the same
   * transactional id initialised after it.
   */
  public boolean takeFenced() {
    return fenced.getAndSet(false);
  }

  /** Whether this instance can write now. */
  public boolean isActive() {
    return active;
  }

  /**
   * Takes the writer role: fences every earlier writer, reads the log to its end and announces this
   * instance's address in the log.
   */
  public void activate(String advertisedUrl) {
    synchronized (producerLock) {
      if (producer != null) {
        return;
      }
      KafkaProducer<byte[], byte[]> candidate =
          new KafkaProducer<>(
              producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
      try {
        candidate.initTransactions();
        readToEnd(config.initTimeout());
        producer = candidate;
        send(List.of(new StoreRecord.WriterAnnounced(instanceId, advertisedUrl)));
        active = true;
      } catch (RuntimeException e) {
        producer = null;
        candidate.close(Duration.ZERO);
        throw e;
      }
    }
  }

  /** Gives up the writer role (another instance was elected, or this one stops). */
  public void deactivate() {
    synchronized (producerLock) {
      active = false;
      if (producer != null) {
        producer.close(Duration.ofSeconds(5));
        producer = null;
      }
    }
  }

  @Override
  public void append(List<StoreRecord> records) {
    synchronized (producerLock) {
      if (!active || producer == null) {
        throw new NotWriterException(
            "this instance does not hold the writer role for " + config.topic());
      }
      send(records);
    }
  }

  private void send(List<StoreRecord> records) {
    long lastOffset = -1;
    try {
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (StoreRecord record : records) {
        StoreRecordCodec.Encoded encoded = codec.encode(record);
        sent.add(
            producer.send(new ProducerRecord<>(config.topic(), 0, encoded.key(), encoded.value())));
      }
      producer.commitTransaction();
      for (Future<RecordMetadata> future : sent) {
        lastOffset = Math.max(lastOffset, future.get().offset());
      }
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      log.warn(
          "Another instance took the writer role for {}; this one stops writing: {}",
          config.topic(),
          e.getMessage());
      active = false;
      fenced.set(true);
      producer.close(Duration.ZERO);
      producer = null;
      throw new NotWriterException("this instance lost the writer role for " + config.topic());
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      abort();
      throw RegistryException.operationTimeout(
          "writing to " + config.topic() + ": " + e.getMessage());
    } catch (KafkaException e) {
      abort();
      throw RegistryException.storeError("writing to " + config.topic() + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      abort();
      throw RegistryException.storeError(
          "writing to " + config.topic() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw RegistryException.operationTimeout("interrupted while writing to " + config.topic());
    }
    awaitPosition(lastOffset + 1, config.writeTimeout());
  }

  /**
   * Leaves no transaction open after a failed write. If even aborting fails the producer is in an
   * unknown state: it is dropped, and the writer election takes the role again with a new one.
   */
  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      log.warn(
          "Aborting a failed write to {} failed too, dropping the producer: {}",
          config.topic(),
          e.toString());
      active = false;
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  @Override
  public void close() {
    deactivate();
    running = false;
    consumer.wakeup();
    try {
      reader.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader-" + instanceId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer-" + instanceId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.writeTimeout().toMillis());
    props.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(config.writeTimeout().toMillis(), 1_000 + 30_000));
    return props;
  }
}
