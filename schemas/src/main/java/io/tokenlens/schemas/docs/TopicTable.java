package io.tokenlens.schemas.docs;

import io.tokenlens.schemas.topics.TimestampPolicy;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.time.Duration;

/**
 * The topic table of {@code docs/schemas-and-topics.md}, generated from the catalog with the local
 * settings.
 */
public final class TopicTable {

  private TopicTable() {}

  public static String markdown() {
    TopicSettings local = TopicSettings.local();
    StringBuilder out = new StringBuilder();
    out.append(
        Markdown.row(
            "topic",
            "key (plain string)",
            "value",
            "kind",
            "cleanup",
            "retention",
            "timestamp",
            "partitions",
            "DLQ",
            "producer",
            "consumers",
            "what"));
    out.append(Markdown.separator(12));
    for (Topic<?> topic : Topics.primary()) {
      out.append(
          Markdown.row(
              "`" + topic.name() + "`",
              Markdown.cell(topic.keyMeaning()),
              "["
                  + topic.valueType().getSimpleName()
                  + "](#"
                  + topic.valueType().getSimpleName().toLowerCase()
                  + ")",
              topic.kind().name(),
              topic.cleanupPolicy().configValue(),
              retention(topic),
              topic.timestampPolicy().name(),
              Integer.toString(local.partitions(topic)),
              topic.hasDeadLetterTopic() ? "yes" : "no",
              Markdown.cell(topic.flow().producer()),
              Markdown.cell(topic.flow().consumers()),
              Markdown.cell(topic.description())));
    }
    Topics.primary().stream()
        .map(Topics::deadLetterTopic)
        .flatMap(java.util.Optional::stream)
        .findFirst()
        .ifPresent(
            dlq ->
                out.append('\n')
                    .append(
                        "Dead-letter topics are named `<topic>-dlq` for every topic with DLQ `yes`; key: ")
                    .append(dlq.keyMeaning())
                    .append("; value: [")
                    .append(dlq.valueType().getSimpleName())
                    .append("](#")
                    .append(dlq.valueType().getSimpleName().toLowerCase())
                    .append("); ")
                    .append(dlq.kind().name())
                    .append(", ")
                    .append(dlq.cleanupPolicy().configValue())
                    .append(", retention ")
                    .append(retention(dlq))
                    .append(", ")
                    .append(dlq.timestampPolicy().name())
                    .append(", ")
                    .append(local.partitions(dlq))
                    .append(" partition.\n"));
    out.append('\n')
        .append(
            "Timestamps: `ACCEPT_TIME` — the record timestamp is when the producer published it (leave it unset);"
                + " event time is in the payload; the broker rejects timestamps more than ")
        .append(duration(Duration.ofMillis(TimestampPolicy.ACCEPT_TIME.beforeMaxMs())))
        .append(" old or ")
        .append(duration(Duration.ofMillis(TimestampPolicy.ACCEPT_TIME.afterMaxMs())))
        .append(
            " ahead. `EVENT_TIME` — the record timestamp is the event time Kafka Streams carries forward; any "
                + "age is accepted, up to ")
        .append(duration(Duration.ofMillis(TimestampPolicy.EVENT_TIME.afterMaxMs())))
        .append(" ahead. Both use `CreateTime`, never `LogAppendTime`.\n\n")
        .append("Partitions, replication factor (")
        .append(local.replicationFactor())
        .append(") and ")
        .append("`min.insync.replicas` (")
        .append(local.minInsyncReplicas())
        .append(") are the local values; ")
        .append("`")
        .append(TopicSettings.STREAM_PARTITIONS)
        .append("`, `")
        .append(TopicSettings.REPLICATION_FACTOR)
        .append("` and `")
        .append(TopicSettings.MIN_INSYNC_REPLICAS)
        .append("` change them for a real cluster.\n");
    return out.toString();
  }

  private static String retention(Topic<?> topic) {
    return topic.retention().map(TopicTable::duration).orElse("forever");
  }

  private static String duration(Duration d) {
    return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + " d" : d.toHours() + " h";
  }
}
