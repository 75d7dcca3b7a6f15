package io.tokenlens.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.TokenUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldDeclareEveryTopicOfThePipelineOnce() {
    List<String> names = Topics.all().stream().map(Topic::name).toList();

    assertThat(names).doesNotHaveDuplicates();
    assertThat(Topics.primary().stream().map(Topic::name))
        .containsExactly(
            "token-usage",
            "agent-activity",
            "pr-events",
            "pr-reviews",
            "code-pushes",
            "incident-events",
            "directory",
            "model-prices",
            "usage-metrics",
            "provider-usage",
            "token-usage-enriched",
            "usage-rollups",
            "waste-findings",
            "pr-attribution",
            "incident-links",
            "burn-alerts",
            "late-records");
  }

  @Test
  void shouldNameTopicsAsKebabCaseNouns() {
    Topics.all().forEach(t -> assertThat(t.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"));
  }

  @Test
  void shouldGiveEveryTopicThatAsksForOneADeadLetterTopic() {
    for (Topic<?> topic : Topics.primary()) {
      assertThat(Topics.deadLetterTopic(topic).isPresent())
          .as(topic.name())
          .isEqualTo(topic.hasDeadLetterTopic());
      Topics.deadLetterTopic(topic)
          .ifPresent(
              dlq -> {
                assertThat(dlq.name()).isEqualTo(topic.name() + "-dlq");
                assertThat(dlq.valueType()).isEqualTo(DeadLetter.class);
                assertThat(dlq.isDeadLetterTopic()).isTrue();
                assertThat(Topics.all()).contains(dlq);
              });
    }
    assertThat(Topics.all())
        .hasSize(
            Topics.primary().size()
                + (int) Topics.primary().stream().filter(Topic::hasDeadLetterTopic).count());
  }

  @Test
  void shouldCoPartitionJoinedTopicsUnderAnySettings() {
    for (TopicSettings settings :
        List.of(TopicSettings.local(), new TopicSettings("prod.", 24, (short) 3, 2))) {
      for (Set<Topic<?>> group : Topics.COPARTITIONED) {
        Set<Integer> counts = group.stream().map(settings::partitions).collect(Collectors.toSet());
        assertThat(counts).as("partitions of " + group).hasSize(1);
      }
    }
  }

  @Test
  void shouldCompactOnlyUpsertTopicsAndVersionEveryUpsertValue() {
    for (Topic<?> topic : Topics.all()) {
      if (topic.cleanupPolicy().compacts()) {
        assertThat(topic.kind()).as(topic.name()).isEqualTo(TopicKind.UPSERT);
      }
      if (topic.kind() == TopicKind.UPSERT) {
        assertThat(topic.valueSchema().getField("version")).as(topic.name()).isNotNull();
      }
    }
    assertThat(Topics.DIRECTORY.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.MODEL_PRICES.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(Topics.PR_ATTRIBUTION.kind()).isEqualTo(TopicKind.UPSERT);
    assertThat(Topics.USAGE_ROLLUPS.kind()).isEqualTo(TopicKind.UPSERT);
    assertThat(Topics.TOKEN_USAGE.kind()).isEqualTo(TopicKind.APPEND);
  }

  @Test
  void shouldStampIngestTopicsWithAcceptTimeAndDerivedTopicsWithEventTime() {
    for (Topic<?> topic :
        List.of(
            Topics.TOKEN_USAGE,
            Topics.AGENT_ACTIVITY,
            Topics.PR_EVENTS,
            Topics.INCIDENT_EVENTS,
            Topics.PROVIDER_USAGE,
            Topics.USAGE_METRICS)) {
      assertThat(topic.timestampPolicy()).as(topic.name()).isEqualTo(TimestampPolicy.ACCEPT_TIME);
    }
    for (Topic<?> topic :
        List.of(
            Topics.TOKEN_USAGE_ENRICHED,
            Topics.USAGE_ROLLUPS,
            Topics.WASTE_FINDINGS,
            Topics.LATE_RECORDS)) {
      assertThat(topic.timestampPolicy()).as(topic.name()).isEqualTo(TimestampPolicy.EVENT_TIME);
    }
    for (Topic<?> topic : Topics.all()) {
      assertThat(TopicSettings.local().brokerConfigs(topic))
          .containsEntry("message.timestamp.type", "CreateTime")
          .containsKey("message.timestamp.after.max.ms");
    }
  }

  @Test
  void shouldFindTopicsByName() {
    assertThat(Topics.byName("token-usage-enriched", TokenUsage.class))
        .isSameAs(Topics.TOKEN_USAGE_ENRICHED);
    assertThat(Topics.byName("token-usage-dlq")).isPresent();
    assertThatThrownBy(() -> Topics.byName("pr-events", TokenUsage.class))
        .hasMessageContaining("carries PullRequestEvent");
  }

  /** A declaration complete but for its partition sizing. */
  private static Topic.Builder<TokenUsage> aTopicWithoutSizing(
      TopicKind kind, CleanupPolicy cleanup) {
    return Topic.named("bad-topic", TokenUsage.class)
        .key("k", TokenUsage::getEventId)
        .kind(kind)
        .cleanup(cleanup)
        .retention(java.util.Optional.empty())
        .timestamps(TimestampPolicy.ACCEPT_TIME)
        .flow(new TopicFlow("p", "c"))
        .description("d");
  }

  @Test
  void shouldRefuseACompactedAppendTopic() {
    assertThatThrownBy(
            () ->
                aTopicWithoutSizing(TopicKind.APPEND, CleanupPolicy.COMPACT)
                    .sizing(PartitionSizing.STREAM)
                    .build())
        .hasMessageContaining("only UPSERT topics may be compacted");
  }

  @Test
  void shouldNameThePartADeclarationMisses() {
    assertThatThrownBy(() -> aTopicWithoutSizing(TopicKind.APPEND, CleanupPolicy.DELETE).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sizing");
  }

  @Test
  void shouldRefuseAnUpsertTopicWithoutVersion() {
    assertThatThrownBy(
            () ->
                aTopicWithoutSizing(TopicKind.UPSERT, CleanupPolicy.DELETE)
                    .sizing(PartitionSizing.STREAM)
                    .build())
        .hasMessageContaining("need a long 'version' field");
  }

  @Test
  void shouldHaveOneValueClassPerTopicKindPair() {
    Set<Class<?>> classes = new HashSet<>();
    Topics.primary().forEach(t -> classes.add(t.valueType()));
    assertThat(classes)
        .hasSize(Topics.primary().size() - 1); // token-usage and token-usage-enriched share one
  }
}
