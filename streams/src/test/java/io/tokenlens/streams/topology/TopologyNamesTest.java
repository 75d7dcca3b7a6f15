package io.tokenlens.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins every operator, store, repartition and changelog name of the topology: renaming one would
 * orphan its state or its internal topic on upgrade, so a change here must be deliberate.
 */
class TopologyNamesTest {

  @TempDir Path stateDir;
  private TopologyHarness harness;
  private TopologyDescription description;

  @BeforeEach
  void describe() {
    harness = new TopologyHarness(stateDir);
    description = TokenlensTopology.build(harness.config()).describe();
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void shouldNameEveryProcessorOfEverySubtopology() {
    Map<Integer, Set<String>> nodes = new TreeMap<>();
    description
        .subtopologies()
        .forEach(
            s ->
                nodes.put(
                    s.id(),
                    s.nodes().stream()
                        .map(TopologyDescription.Node::name)
                        .collect(Collectors.toCollection(TreeSet::new))));

    assertThat(nodes).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(nodes.get(2))
        .containsExactlyInAnyOrder(
            "alerts-spend-by-subject-repartition-filter",
            "alerts-spend-by-subject-repartition-sink",
            "alerts-subjects",
            "detect-agent-activity-source",
            "detect-cache-thrash",
            "detect-cache-thrash-sink",
            "detect-context-bloat",
            "detect-context-bloat-sink",
            "detect-discarded-output",
            "detect-discarded-output-sink",
            "detect-looping-agent",
            "detect-looping-agent-sink",
            "detect-prompt-engineer",
            "detect-prompts-by-engineer-repartition-filter",
            "detect-prompts-by-engineer-repartition-sink",
            "detect-record-session-prompt-cost",
            "detect-record-tool-calls",
            "detect-record-user-prompts",
            "detect-retry-storm",
            "detect-retry-storm-sink",
            "detect-usage-",
            "detect-usage-by-session-repartition-filter",
            "detect-usage-by-session-repartition-sink",
            "detect-usage-by-session-repartition-source",
            "detect-usage-key-by-session",
            "detect-usage-keyed-by-session",
            "detect-usage-keyed-otherwise",
            "detect-usage-of-sessions",
            "detect-usage-with-session",
            "pr-usage-by-repository-repartition-filter",
            "pr-usage-by-repository-repartition-sink",
            "pr-usage-sums",
            "late-records-sink",
            "rollup-late-request",
            "rollup-partial",
            "rollup-partials",
            "rollup-partials-",
            "rollup-partials-by-key-repartition-filter",
            "rollup-partials-by-key-repartition-sink",
            "rollup-partials-closed",
            "rollup-partials-late",
            "token-usage-dedup",
            "token-usage-enrich",
            "agent-activity-dedup",
            "token-usage-enriched-sink",
            "token-usage-key-by-engineer",
            "token-usage-source");
    assertThat(nodes.get(3))
        .containsExactlyInAnyOrder(
            "late-partials-sink",
            "rollup-late-partial",
            "rollup-merge",
            "rollup-merge-",
            "rollup-merge-late",
            "rollup-merge-total",
            "rollup-partials-by-key-repartition-source",
            "rollup-to-record",
            "usage-rollups-sink");
    assertThat(nodes.get(4))
        .containsExactlyInAnyOrder(
            "incident-merged-commit-by-service-repartition-filter",
            "incident-merged-commit-by-service-repartition-sink",
            "incident-merged-commits",
            "pr-attribute-event",
            "pr-attribute-usage",
            "pr-attribution-event-sink",
            "pr-attribution-usage-sink",
            "pr-events-source",
            "pr-usage-by-repository-repartition-source");
    assertThat(nodes.get(5))
        .containsExactlyInAnyOrder(
            "detect-abandoned-spend",
            "detect-abandoned-spend-sink",
            "detect-final-prs",
            "detect-final-prs-by-repository-repartition-filter",
            "detect-final-prs-by-repository-repartition-sink",
            "detect-final-prs-key-by-repository",
            "detect-merged-prs",
            "detect-merged-prs-by-organisation-repartition-filter",
            "detect-merged-prs-by-organisation-repartition-sink",
            "detect-merged-prs-key-by-organisation",
            "detect-pr-activity-by-engineer-repartition-filter",
            "detect-pr-activity-by-engineer-repartition-sink",
            "detect-pr-activity-engineers",
            "incident-merged-pr-by-service-repartition-filter",
            "incident-merged-pr-by-service-repartition-sink",
            "incident-merged-pr-key-by-service",
            "incident-merged-prs",
            "pr-attribution-source");
    assertThat(nodes.get(6))
        .containsExactlyInAnyOrder(
            "incident-events-source",
            "incident-link",
            "incident-links-merge",
            "incident-links-sink",
            "incident-merged-commit-by-service-repartition-source",
            "incident-merged-pr-by-service-repartition-source",
            "incident-remember-commit",
            "incident-remember-merged-pr");
    assertThat(nodes.get(7))
        .containsExactlyInAnyOrder(
            "alerts-evaluate", "alerts-spend-by-subject-repartition-source", "burn-alerts-sink");
    assertThat(nodes.get(8))
        .containsExactlyInAnyOrder(
            "detect-duplicate-generation",
            "detect-duplicate-generation-prompts-and-requests",
            "detect-duplicate-generation-sink",
            "detect-overnight-padding",
            "detect-overnight-padding-sink",
            "detect-pr-activity-by-engineer-repartition-source",
            "detect-prompts-by-engineer-repartition-source",
            "detect-record-overnight-prompts",
            "detect-record-pr-activity",
            "detect-record-prompt-cost",
            "detect-token-usage-enriched-source",
            "detect-usage-with-engineer");
    assertThat(nodes.get(9))
        .containsExactlyInAnyOrder(
            "detect-incident-after-ai-heavy-pr",
            "detect-incident-after-ai-heavy-pr-sink",
            "detect-incident-links-by-organisation-repartition-source",
            "detect-merged-prs-by-organisation-repartition-source",
            "detect-record-merged-pr-cost");
    assertThat(nodes.get(10))
        .containsExactlyInAnyOrder(
            "detect-incident-links-by-organisation-repartition-filter",
            "detect-incident-links-by-organisation-repartition-sink",
            "detect-incident-links-key-by-organisation",
            "detect-incident-links-source");
    assertThat(nodes.get(11))
        .containsExactlyInAnyOrder(
            "detect-final-prs-by-repository-repartition-source",
            "detect-pr-reviews-source",
            "detect-record-approvals",
            "detect-unapproved-ai-heavy-merge",
            "detect-unapproved-ai-heavy-merge-sink");
  }

  @Test
  void shouldNameEveryStoreAndGlobalStore() {
    Set<String> stores = new TreeSet<>();
    description
        .subtopologies()
        .forEach(
            s ->
                s.nodes()
                    .forEach(
                        n -> {
                          if (n instanceof TopologyDescription.Processor p) {
                            stores.addAll(p.stores());
                          }
                        }));
    Set<String> global =
        description.globalStores().stream()
            .map(
                g ->
                    g.processor().name()
                        + " "
                        + g.processor().stores()
                        + " <- "
                        + g.source().topicSet())
            .collect(Collectors.toSet());

    assertThat(stores)
        .containsExactlyInAnyOrder(
            "token-usage-dedup-log",
            "agent-activity-dedup-log",
            "session-sequence-dedup",
            "rollup-partials-store",
            "rollup-sessions-store",
            "rollup-totals-store",
            "pr-attribution-store",
            "pr-branch-store",
            "pr-members-store",
            "pr-usage-sums-buffer",
            "pr-unmatched-usage-sums",
            "pr-closed-store",
            "pr-closed-members-store",
            "pr-attribution-pending",
            "incident-merged-pr-store",
            "incident-linked-store",
            "incident-triggered-store",
            "incident-commit-store",
            "alerts-spend-partials-store",
            "alerts-hourly-spend-store",
            "alerts-period-spend-store",
            "alerts-raised-store",
            "alerts-baseline-store",
            "alerts-upstream-watermarks-store",
            "detect-session-prompts-log",
            "detect-session-tool-calls-log",
            "detect-looping-agent-shapes-log",
            "detect-looping-agent-occurrences-store",
            "detect-context-bloat-due-store",
            "detect-cache-thrash-due-store",
            "detect-discarded-output-due-store",
            "detect-retry-storm-due-store",
            "detect-looping-agent-due-store",
            "detect-retry-storm-errors-log",
            "detect-retry-storm-occurrences-store",
            "detect-context-bloat-requests-log",
            "detect-context-bloat-occurrences-store",
            "detect-cache-thrash-requests-log",
            "detect-cache-thrash-rewrites-log",
            "detect-cache-thrash-occurrences-store",
            "detect-discarded-output-decisions-log",
            "detect-discarded-output-occurrences-store",
            "detect-discarded-output-prompt-cost-log",
            "detect-duplicate-generation-prompts-log",
            "detect-duplicate-generation-occurrences-store",
            "detect-duplicate-generation-prompt-ids-log",
            "detect-duplicate-generation-prompt-cost-log",
            "detect-duplicate-generation-shapes-store",
            "detect-overnight-padding-nights-store",
            "detect-overnight-padding-prompts-log",
            "detect-overnight-padding-requests-log",
            "detect-overnight-padding-pr-activity-log",
            "detect-abandoned-spend-reported-store",
            "detect-abandoned-spend-pending-store",
            "detect-incident-after-ai-heavy-pr-pending-store",
            "detect-incident-after-ai-heavy-pr-cost-quantiles-store",
            "detect-incident-after-ai-heavy-pr-authors-store",
            "detect-incident-after-ai-heavy-pr-reported-store",
            "detect-unapproved-ai-heavy-merge-approvals-store",
            "detect-unapproved-ai-heavy-merge-cost-quantiles-store",
            "detect-unapproved-ai-heavy-merge-counted-store",
            "detect-unapproved-ai-heavy-merge-decided-store",
            "detect-unapproved-ai-heavy-merge-pending-store");
    assertThat(global)
        .containsExactlyInAnyOrder(
            "directory-source [directory-store] <- [t.directory]",
            "model-prices-source [model-prices-store] <- [t.model-prices]");
  }

  @Test
  void shouldReadAndWriteTheCatalogTopicsAndTheNamedRepartitionTopics() {
    Set<String> sources = new TreeSet<>();
    Set<String> sinks = new TreeSet<>();
    description
        .subtopologies()
        .forEach(
            s ->
                s.nodes()
                    .forEach(
                        n -> {
                          if (n instanceof TopologyDescription.Source source) {
                            sources.addAll(source.topicSet());
                          } else if (n instanceof TopologyDescription.Sink sink) {
                            sinks.add(sink.topic());
                          }
                        }));

    assertThat(sources)
        .containsExactlyInAnyOrder(
            "t.token-usage",
            "rollup-partials-by-key-repartition",
            "t.pr-events",
            "pr-usage-by-repository-repartition",
            "t.pr-attribution",
            "incident-merged-pr-by-service-repartition",
            "t.incident-events",
            "incident-merged-commit-by-service-repartition",
            "alerts-spend-by-subject-repartition",
            "t.agent-activity",
            "detect-usage-by-session-repartition",
            "detect-prompts-by-engineer-repartition",
            "t.token-usage-enriched",
            "detect-pr-activity-by-engineer-repartition",
            "t.incident-links",
            "detect-merged-prs-by-organisation-repartition",
            "detect-incident-links-by-organisation-repartition",
            "t.pr-reviews",
            "detect-final-prs-by-repository-repartition");
    assertThat(sinks)
        .containsExactlyInAnyOrder(
            "t.token-usage-enriched",
            "t.usage-rollups",
            "t.late-records",
            "rollup-partials-by-key-repartition",
            "t.pr-attribution",
            "pr-usage-by-repository-repartition",
            "incident-merged-pr-by-service-repartition",
            "t.incident-links",
            "incident-merged-commit-by-service-repartition",
            "alerts-spend-by-subject-repartition",
            "t.burn-alerts",
            "t.waste-findings",
            "detect-usage-by-session-repartition",
            "detect-prompts-by-engineer-repartition",
            "detect-pr-activity-by-engineer-repartition",
            "detect-merged-prs-by-organisation-repartition",
            "detect-incident-links-by-organisation-repartition",
            "detect-final-prs-by-repository-repartition");
  }
}
