package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PrState;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribution join at its default emission: the updates of an interval coalesced per pull
 * request.
 */
class PrAttributionCoalescingTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String REPO = "acme/payments";
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness =
        new TopologyHarness(
            stateDir,
            Map.of(
                StreamsAppConfig.PR_ATTRIBUTION_EMIT_INTERVAL_MS,
                Long.toString(INTERVAL.toMillis())));
    harness.pipe(ModelPrices.aPrice().build());
    harness.pipe(DirectoryEntries.anEngineer("eng-1", "payments").build());
    harness.pipe(DirectoryEntries.anEmailIdentity("eng-1").build());
    harness.pipe(DirectoryEntries.aRepository(REPO, "payments-api").build());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldEmitOneAttributionPerPullRequestAndIntervalWhateverTheNumberOfRequests() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("eng-1")
            .at(T0)
            .build());
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(8)
            .branch("feature/cache")
            .author("eng-1")
            .at(T0)
            .build());
    for (int i = 1; i <= 50; i++) {
      usage("feature/retry", T0.plusSeconds(i));
    }
    usage("feature/cache", T0.plusSeconds(60));

    assertThat(harness.attributions.isEmpty())
        .as("nothing before the interval has passed")
        .isTrue();
    harness.advanceWallClockBy(INTERVAL);

    List<TestRecord<String, PrAttribution>> out = harness.attributions.readRecordsToList();
    assertThat(out)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder("acme/payments#7", "acme/payments#8");
    PrAttribution retry = value(out, "acme/payments#7");
    assertThat(retry.getRequests()).isEqualTo(50);
    assertThat(retry.getVersion()).as("every update counted in the version").isEqualTo(51);
    assertThat(
            out.stream()
                .filter(r -> r.key().equals("acme/payments#7"))
                .findFirst()
                .orElseThrow()
                .timestamp())
        .as("timestamped with its last update")
        .isEqualTo(T0.plusSeconds(50).toEpochMilli());
    assertThat(value(out, "acme/payments#8").getRequests()).isEqualTo(1);

    harness.advanceWallClockBy(INTERVAL);
    assertThat(harness.attributions.isEmpty()).as("nothing again without an update").isTrue();
  }

  @Test
  void shouldEmitOnlyTheLatestVersionWhenAMergeFollowsRequestsInTheSameInterval() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("eng-1")
            .at(T0)
            .build());
    usage("feature/retry", T0.plusSeconds(10));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("eng-1")
            .merged(T0.plusSeconds(20))
            .build());
    usage(
        "feature/retry",
        T0.plusSeconds(15)); // processed after the merge: attributed to the merged PR

    harness.advanceWallClockBy(INTERVAL);

    List<PrAttribution> out = harness.attributions.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).getFinalized()).isTrue();
    assertThat(out.get(0).getState()).isEqualTo(PrState.MERGED);
    assertThat(out.get(0).getRequests()).isEqualTo(2);
  }

  private static PrAttribution value(List<TestRecord<String, PrAttribution>> out, String key) {
    return out.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value();
  }

  private void usage(String branch, Instant at) {
    TokenUsage usage =
        TokenUsages.aRequest()
            .engineer("eng-1")
            .unresolved()
            .repo(REPO, branch)
            .session("s-1")
            .tokens(1000, 0, 0, 400)
            .at(at)
            .build();
    harness.pipe(usage, at);
  }
}
