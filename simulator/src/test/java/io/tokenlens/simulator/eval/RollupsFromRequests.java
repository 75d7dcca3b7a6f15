package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The minute rollups a run should have produced, summed straight from its enriched requests except
 * those reported on {@code late-records} as too late for their window, next to the highest version
 * of each rollup it did produce: {@link #mismatches()} names every key where the two differ, and
 * every partial sum the merge reported late.
 */
final class RollupsFromRequests {

  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private final Map<String, String> expected = new TreeMap<>();
  private final Map<String, String> actual = new TreeMap<>();
  private final List<String> latePartialSums = new ArrayList<>();

  /**
   * Reads {@code token-usage-enriched} and {@code usage-rollups} under {@code prefix} to their
   * current ends.
   */
  static RollupsFromRequests read(String bootstrap, TopicSerdes serdes, String prefix) {
    RollupsFromRequests r = new RollupsFromRequests();
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Double> costs = new TreeMap<>();
    Map<String, Set<String>> sessions = new TreeMap<>();
    Set<String> lateRequests = new HashSet<>();
    for (LateRecord late : values(bootstrap, serdes, prefix, Topics.LATE_RECORDS)) {
      if (late.getEventId() != null) {
        lateRequests.add(late.getEventId());
      } else {
        r.latePartialSums.add(
            late.getKey() + "@" + late.getEventTime() + ": partial sum reported late");
      }
    }
    for (TokenUsage u : values(bootstrap, serdes, prefix, Topics.TOKEN_USAGE_ENRICHED)) {
      if (lateRequests.contains(u.getEventId())) {
        continue;
      }
      long t = u.getOccurredAt().toEpochMilli();
      String window = Instant.ofEpochMilli(t - Math.floorMod(t, MINUTE)).toString();
      String[][] dimensions = {
        {"ENGINEER", u.getEngineerId()},
        {"TEAM", u.getTeam()},
        {"MODEL", u.getModel()},
        {"TOOL", u.getTool()},
        {"REPOSITORY", u.getRepository()}
      };
      for (String[] d : dimensions) {
        if (d[1] == null || d[1].isBlank()) {
          continue;
        }
        String key = d[0] + ":" + d[1] + "@" + window;
        long[] s = sums.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] += u.getInputTokens();
        s[2] += u.getOutputTokens();
        costs.merge(
            key, u.getComputedCostUsd() == null ? 0.0 : u.getComputedCostUsd(), Double::sum);
        if (u.getSessionId() != null) {
          sessions.computeIfAbsent(key, k -> new HashSet<>()).add(u.getSessionId());
        }
      }
    }
    sums.forEach(
        (key, s) ->
            r.expected.put(
                key,
                describe(
                    s[0],
                    s[1],
                    s[2],
                    sessions.getOrDefault(key, Set.of()).size(),
                    costs.get(key))));
    Map<String, UsageRollup> latest = new TreeMap<>();
    for (UsageRollup u : values(bootstrap, serdes, prefix, Topics.USAGE_ROLLUPS)) {
      latest.merge(
          Topics.USAGE_ROLLUPS.key(u), u, (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
    }
    latest.forEach(
        (key, u) ->
            r.actual.put(
                key,
                describe(
                    u.getRequests(),
                    u.getInputTokens(),
                    u.getOutputTokens(),
                    u.getSessions(),
                    u.getCostUsd())));
    return r;
  }

  int keys() {
    return expected.size();
  }

  /**
   * Every key whose expected and produced sums differ, or that only one side has: key, expected,
   * produced.
   */
  List<String> mismatches() {
    List<String> out = new ArrayList<>(latePartialSums);
    Set<String> keys = new HashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    keys.stream()
        .sorted()
        .forEach(
            key -> {
              String e = expected.getOrDefault(key, "none");
              String a = actual.getOrDefault(key, "none");
              if (!e.equals(a)) {
                out.add(key + ": expected " + e + ", produced " + a);
              }
            });
    return out;
  }

  @Override
  public String toString() {
    List<String> m = mismatches();
    return expected.size()
        + " keys from the requests, "
        + actual.size()
        + " produced, "
        + m.size()
        + " differ"
        + (m.isEmpty() ? "" : ", e.g. " + m.subList(0, Math.min(5, m.size())));
  }

  private static String describe(
      long requests, long input, long output, long sessions, double cost) {
    return String.format(
        Locale.ROOT,
        "requests=%d input=%d output=%d sessions=%d cost=%.9f",
        requests,
        input,
        output,
        sessions,
        cost);
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> values(
      String bootstrap, TopicSerdes serdes, String prefix, Topic<V> topic) {
    String name = TopicSettings.local().withNamePrefix(prefix).name(topic);
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(name).stream()
              .map(p -> new TopicPartition(name, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      var deserializer = serdes.valueDeserializer(topic);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          out.add(deserializer.deserialize(name, record.value()));
        }
      }
    }
    return out;
  }
}
