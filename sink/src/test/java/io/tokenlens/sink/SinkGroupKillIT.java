package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A sink process killed with SIGKILL after an insert carrying several partitions' ranges landed in
 * ClickHouse and before its offsets were committed; more records arrive; then the partitions are
 * split between a new sink process and another member of the group that holds the other half
 * without committing anything: the new sink rebuilds the recorded insert whole (reading the ranges
 * it does not hold from Kafka), commits only its own partitions, and no row lands twice; once the
 * other member leaves, the sink takes every partition and no row is missing.
 */
@StackTest
class SinkGroupKillIT {

  private static final int ROWS = 12_000;

  /**
   * Rows on the topic when the first process starts: few enough per partition to arrive in one
   * fetch.
   */
  private static final int ROWS_FIRST = 3_000;

  private static final int PARTITIONS = 6;

  /** The first process stops before committing an insert of at least this many partitions. */
  private static final int SPLIT_MEMBERS = 4;

  @Test
  void shouldLandEveryRowOnceWhenKilledBetweenAGroupInsertAndItsCommit(StackScope stack)
      throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "groupkill").createTopics(PARTITIONS, Topics.TOKEN_USAGE_ENRICHED)) {
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(SinkConfig.BATCH_MAX_ROWS, "6000");
      config.put(SinkConfig.BATCH_MAX_WAIT_MS, "300");
      config.put(SinkConfig.BATCH_CATCHUP_MAX_WAIT_MS, "300");
      config.put("kafka.session.timeout.ms", "6000"); // the killed process leaves the group sooner
      config.put("kafka.heartbeat.interval.ms", "1000");
      h.migrate(config);
      config.put(SinkConfig.MIGRATIONS_ENABLED, "false");
      String topic = h.topicName(Topics.TOKEN_USAGE_ENRICHED);
      String group = config.get(SinkConfig.GROUP_ID);
      long viewsBefore = h.number("SELECT sum(requests) FROM usage_1h");
      List<TokenUsage> usages = SinkIT.usages("groupkill", ROWS);
      // one fetch brings every partition's records: the first insert takes all of them
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages.subList(0, ROWS_FIRST));

      Path marker = Path.of("target", "it-logs", "SinkGroupKillIT-blocked.txt");
      Files.deleteIfExists(marker);
      Process first =
          SinkProcess.start(
              StopsBeforeGroupCommit.class, config, "SinkGroupKillIT-first", marker.toString());
      Set<Integer> blockedMembers;
      try {
        Waits.until(
            "an insert of "
                + SPLIT_MEMBERS
                + "+ partitions in ClickHouse, its offsets not committed",
            Waits.LONG,
            () -> {
              SinkProcess.requireAlive(first, "SinkGroupKillIT-first");
              return Files.exists(marker);
            });
        blockedMembers =
            Arrays.stream(Files.readString(marker).trim().split(","))
                .map(Integer::valueOf)
                .collect(Collectors.toSet());
        long landed = h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'groupkill-%'");
        // committed offsets count the rows of every insert but the blocked one, which landed on top
        assertThat(landed)
            .isGreaterThan(committedRows(stack, group, topic))
            .isLessThanOrEqualTo(ROWS_FIRST);
      } finally {
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close
      }
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages.subList(ROWS_FIRST, ROWS));

      Process second = null;
      try {
        second = splitAndRebuild(stack, h, config, topic, group, blockedMembers);
        // the holder left: the sink takes every partition, the holder's included
        h.awaitNumber(
            "SELECT uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'groupkill-%'",
            ROWS, Waits.LONG);
        assertThat(h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'groupkill-%'"))
            .isEqualTo(ROWS);
        assertThat(
                h.number(
                    "SELECT sum(input_tokens) FROM token_usage WHERE event_id LIKE 'groupkill-%'"))
            .isEqualTo(usages.stream().mapToLong(TokenUsage::getInputTokens).sum());
        // the materialized views were not fed twice either
        Waits.until(
            ROWS + " more requests in usage_1h",
            Waits.LONG,
            () -> h.number("SELECT sum(requests) FROM usage_1h") - viewsBefore,
            n -> n >= ROWS);
        assertThat(h.number("SELECT sum(requests) FROM usage_1h") - viewsBefore).isEqualTo(ROWS);
      } finally {
        if (second != null) {
          second.destroyForcibly().waitFor();
        }
      }
    }
  }

  /**
   * Starts the new sink process while another member of the group holds half of the partitions
   * without committing, checks that the sink rebuilt the blocked insert and committed its own half
   * without duplicates, then lets the holder leave. Returns the running sink process (destroyed on
   * failure).
   */
  private static Process splitAndRebuild(
      StackScope stack,
      SinkHarness h,
      Map<String, String> config,
      String topic,
      String group,
      Set<Integer> blockedMembers)
      throws Exception {
    Map<String, Object> holderConfig = new HashMap<>(stack.kafkaConfig());
    holderConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    holderConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    holderConfig.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000);
    holderConfig.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000);
    Process second = null;
    boolean ok = false;
    try (KafkaConsumer<byte[], byte[]> holder =
        new KafkaConsumer<>(
            holderConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      // another member of the group: it takes partitions and never commits, so the sink holds only
      // some of the
      // blocked insert's partitions
      holder.subscribe(List.of(topic));
      Waits.until(
          "the holder in the group",
          Waits.LONG,
          () -> {
            holder.poll(Duration.ofMillis(100));
            return !holder.assignment().isEmpty();
          });
      // another batch size: only the recorded plan makes the rebuilt insert the same
      Map<String, String> smaller = new HashMap<>(config);
      smaller.put(SinkConfig.BATCH_MAX_ROWS, "1000");
      second = SinkProcess.start(SinkMain.class, smaller, "SinkGroupKillIT-second");
      Process sink = second;
      Set<TopicPartition> sinkPartitions =
          Waits.until(
              "the partitions split between the sink and the holder",
              Waits.LONG,
              () -> {
                holder.poll(Duration.ofMillis(100));
                SinkProcess.requireAlive(sink, "SinkGroupKillIT-second");
                Set<TopicPartition> rest = allPartitions(topic);
                rest.removeAll(holder.assignment());
                return rest;
              },
              rest -> rest.size() == PARTITIONS / 2);
      Set<Integer> held =
          sinkPartitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
      assertThat(blockedMembers)
          .as("the blocked insert is split between the sink and the holder")
          .containsAnyElementsOf(held)
          .anyMatch(p -> !held.contains(p));
      Waits.until(
          "the sink's partitions committed to their end",
          Waits.LONG,
          () -> {
            holder.poll(Duration.ofMillis(100));
            SinkProcess.requireAlive(sink, "SinkGroupKillIT-second");
            return committedToEnd(stack, group, sinkPartitions);
          });
      assertThat(h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'groupkill-%'"))
          .isEqualTo(
              h.number(
                  "SELECT uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'groupkill-%'"));
      assertThat(Files.readString(SinkProcess.log("SinkGroupKillIT-second")))
          .contains("Rebuilding the recorded insert tokenlens-sink:group:")
          .contains("read again from Kafka");
      ok = true;
      return second;
    } finally {
      if (!ok && second != null) {
        second.destroyForcibly().waitFor();
      }
    }
  }

  private static Set<TopicPartition> allPartitions(String topic) {
    Set<TopicPartition> all = new HashSet<>();
    for (int p = 0; p < PARTITIONS; p++) {
      all.add(new TopicPartition(topic, p));
    }
    return all;
  }

  private static long committedRows(StackScope stack, String group, String topic) throws Exception {
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .entrySet()
          .stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  private static boolean committedToEnd(
      StackScope stack, String group, Set<TopicPartition> partitions) throws Exception {
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      var ends =
          admin
              .listOffsets(
                  partitions.stream()
                      .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
              .all()
              .get();
      // a partition without records has nothing to commit
      return partitions.stream()
          .allMatch(
              tp ->
                  (committed.get(tp) == null ? 0 : committed.get(tp).offset())
                      == ends.get(tp).offset());
    }
  }

  /**
   * The sink, stopping for good in the offset commit after the first insert of at least {@value
   * #SPLIT_MEMBERS} partitions: that insert is in ClickHouse, its offsets are not committed. Writes
   * the insert's partitions to the file named by its second argument, then waits to be killed.
   */
  static final class StopsBeforeGroupCommit {

    public static void main(String[] args) throws Exception {
      SinkConfig config = SinkConfig.load(Map.of(SinkConfig.CONFIG_FILE_ENV, args[0]));
      Path marker = Path.of(args[1]);
      OffsetCommitter committer =
          (consumer, offsets) -> {
            boolean afterInsert = offsets.values().stream().allMatch(o -> o.metadata().isEmpty());
            if (afterInsert && offsets.size() >= SPLIT_MEMBERS) {
              try {
                Path written = Path.of(args[1] + ".tmp");
                Files.writeString(
                    written,
                    offsets.keySet().stream()
                        .map(tp -> Integer.toString(tp.partition()))
                        .collect(Collectors.joining(",")));
                Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE);
                new CountDownLatch(1).await();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
            consumer.commitSync(offsets);
          };
      try (SinkService service = new SinkService(config, new SinkMetrics(), committer)) {
        service.run();
      }
    }
  }
}
