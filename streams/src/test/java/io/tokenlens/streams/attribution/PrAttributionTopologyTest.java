package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PrState;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.topology.TopologyHarness;
import io.tokenlens.streams.topology.TopologyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrAttributionTopologyTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String REPO = "acme/payments";
  private static final String PR = "acme/payments#7";

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
    harness.pipe(ModelPrices.aPrice().build());
    for (String e : List.of("eng-1", "eng-2")) {
      harness.pipe(DirectoryEntries.anEngineer(e, "payments").build());
      harness.pipe(DirectoryEntries.anEmailIdentity(e).build());
    }
    harness.pipe(DirectoryEntries.anIdentity(IdentityKind.SCM_LOGIN, "ada-gh", "eng-1").build());
    harness.pipe(DirectoryEntries.aRepository(REPO, "payments-api").build());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldAttributeUsageOnTheBranchOfAnOpenPrExactlyAsItArrives() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-2", "feature/retry", "s-1", T0.plusSeconds(60));
    usage("eng-1", "feature/retry", "s-2", T0.plusSeconds(120));
    usage(
        "eng-1",
        "other-branch",
        "s-3",
        T0.plusSeconds(180)); // no PR on that branch: not attributed now

    List<TestRecord<String, PrAttribution>> out = harness.attributions.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsOnly(PR);
    assertThat(out).extracting(r -> r.value().getVersion()).containsExactly(1L, 2L, 3L);
    PrAttribution last = out.get(2).value();
    assertThat(last.getAuthorEngineerId()).isEqualTo("eng-1");
    assertThat(last.getTeam()).isEqualTo("payments");
    assertThat(last.getService()).isEqualTo("payments-api");
    assertThat(last.getRequests()).isEqualTo(2);
    assertThat(last.getSessions()).isEqualTo(2);
    assertThat(last.getEngineers()).isEqualTo(2);
    assertThat(last.getEngineerIds()).containsExactly("eng-2", "eng-1");
    assertThat(last.getExactMatchTokens()).isEqualTo(2 * (1000 + 400));
    assertThat(last.getInferredMatchTokens()).isZero();
    assertThat(last.getCostUsd())
        .isCloseTo(2 * (1000 * 3.0 + 400 * 15.0) / 1_000_000, within(1e-12));
    assertThat(last.getFinalized()).isFalse();
  }

  @Test
  void shouldAttributeTheAuthorsUnmatchedUsageWithinTheWindowBeforeThePrActivity() {
    usage(
        "eng-1",
        null,
        "s-old",
        T0.minus(TopologyHarness.PR_WINDOW).minusSeconds(1)); // before the window
    TokenUsage inWindow = usage("eng-1", null, "s-1", T0.minus(Duration.ofHours(2)));
    usage("eng-1", "main", "s-1", T0.minus(Duration.ofHours(1)));
    usage("eng-2", null, "s-9", T0.minus(Duration.ofHours(1))); // another engineer

    harness.pipe(
        PullRequests.anOpenedPr().repository(REPO).number(7).author("ada-gh").at(T0).build());

    PrAttribution opened = harness.attributions.readValue();
    assertThat(opened.getRequests()).isEqualTo(2);
    assertThat(opened.getInferredMatchTokens()).isEqualTo(2 * 1400);
    assertThat(opened.getExactMatchTokens()).isZero();
    assertThat(opened.getSessions()).isEqualTo(1);
    assertThat(opened.getFirstUsageAt()).isEqualTo(inWindow.getOccurredAt());

    // the next activity attributes only what came since: each request once
    usage("eng-1", null, "s-1", T0.plus(Duration.ofHours(1)));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .author("ada-gh")
            .synchronizedAt(T0.plus(Duration.ofHours(2)))
            .build());
    PrAttribution synced = harness.attributions.readValue();
    assertThat(synced.getRequests()).isEqualTo(3);
    assertThat(synced.getVersion()).isGreaterThan(opened.getVersion());
  }

  @Test
  void shouldKeepAnEngineersUnmatchedRequestsAsSumsPerMinuteBranchAndSession() {
    for (int i = 0; i < 120; i++) {
      usage(
          "eng-1",
          null,
          "s-1",
          T0.minus(Duration.ofHours(1)).plusMillis(250L * i)); // 30 s: one minute
    }
    usage("eng-1", null, "s-2", T0.minus(Duration.ofHours(1)).plusSeconds(40));
    usage("eng-1", "feature/other", "s-1", T0.minus(Duration.ofHours(1)).plusSeconds(50));

    @SuppressWarnings("unchecked")
    BufferedWindowStore<UnmatchedUsage> store =
        (BufferedWindowStore<UnmatchedUsage>) harness.driver().getStateStore(PrStores.UNMATCHED);
    List<List<Long>> entries = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, UnmatchedUsage> all = store.all()) {
      all.forEachRemaining(
          kv -> entries.add(kv.value.parts().stream().map(p -> p.requests).toList()));
    }
    assertThat(entries).containsExactly(List.of(120L, 1L, 1L));

    harness.pipe(
        PullRequests.anOpenedPr().repository(REPO).number(7).author("ada-gh").at(T0).build());

    PrAttribution opened = harness.attributions.readValue();
    assertThat(opened.getRequests())
        .isEqualTo(121); // the other feature branch's request waits for its own PR
    assertThat(opened.getSessions()).isEqualTo(2);
    assertThat(opened.getInferredMatchTokens()).isEqualTo(121 * 1400);
    assertThat(opened.getLastUsageAt()).isEqualTo(T0.minus(Duration.ofHours(1)).plusSeconds(40));
    entries.clear();
    try (KeyValueIterator<Windowed<String>, UnmatchedUsage> all = store.all()) {
      all.forEachRemaining(
          kv -> entries.add(kv.value.parts().stream().map(p -> p.requests).toList()));
    }
    assertThat(entries).containsExactly(List.of(1L));
  }

  @Test
  void shouldEmitAFinalAttributionWhenMergedAndStopAttributingAfterwards() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-1", "feature/retry", "s-1", T0.plusSeconds(60));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .merged(T0.plus(Duration.ofHours(1)))
            .build());
    usage("eng-1", "feature/retry", "s-1", T0.plus(Duration.ofHours(2)));

    List<PrAttribution> out = harness.attributions.readValuesToList();
    assertThat(out).hasSize(3);
    PrAttribution merged = out.get(2);
    assertThat(merged.getFinalized()).isTrue();
    assertThat(merged.getMerged()).isTrue();
    assertThat(merged.getState()).isEqualTo(PrState.MERGED);
    assertThat(merged.getMergedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(merged.getRequests()).isEqualTo(1);
  }

  @Test
  void shouldContinueAReopenedPrsAttributionSoItsMergeOutranksItsEarlierClose() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-1", "spike", "s-1", T0.plusSeconds(60));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .closedWithoutMerge(T0.plus(Duration.ofHours(1)))
            .build());
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .at(T0.plus(Duration.ofHours(2)))
            .with(b -> b.setAction(PrAction.REOPENED))
            .build());
    usage(
        "eng-1",
        "spike",
        "s-1",
        T0.plus(Duration.ofHours(2)).plusSeconds(60)); // a session counted before
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .merged(T0.plus(Duration.ofHours(3)))
            .build());

    List<PrAttribution> out = harness.attributions.readValuesToList();
    PrAttribution closed = out.get(2);
    PrAttribution reopened = out.get(3);
    PrAttribution merged = out.get(out.size() - 1);
    assertThat(closed.getMerged()).isFalse();
    assertThat(reopened.getFinalized()).isFalse();
    assertThat(reopened.getClosedAt()).isNull();
    assertThat(reopened.getRequests()).isEqualTo(1);
    assertThat(merged.getMerged()).isTrue();
    assertThat(merged.getFinalized()).isTrue();
    assertThat(merged.getVersion()).isGreaterThan(closed.getVersion());
    assertThat(merged.getRequests()).isEqualTo(2);
    assertThat(merged.getSessions()).isEqualTo(1);
    assertThat(merged.getEngineerIds()).containsExactly("eng-1");
  }

  @Test
  void shouldEmitAMergedPrsFinalAttributionAgainOneVersionHigherOnALaterEvent() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-1", "feature/retry", "s-1", T0.plusSeconds(60));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .merged(T0.plus(Duration.ofHours(1)))
            .build());
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .author("ada-gh")
            .merged(T0.plus(Duration.ofHours(1)))
            .at(T0.plus(Duration.ofHours(2)))
            .with(b -> b.setAction(PrAction.EDITED))
            .build()); // edited after the merge
    usage(
        "eng-1",
        "feature/retry",
        "s-2",
        T0.plusSeconds(120)); // made before the merge, processed after it

    List<PrAttribution> out = harness.attributions.readValuesToList();
    assertThat(out).extracting(PrAttribution::getVersion).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(out.get(3).getMerged()).isTrue();
    assertThat(out.get(3).getRequests()).isEqualTo(1);
    assertThat(out.get(4).getRequests()).isEqualTo(2);
    assertThat(out.get(4).getMergedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void shouldAttributeAFinalisedPrsBranchUsageProcessedAfterTheClose() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-1", "spike", "s-1", T0.plusSeconds(60));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .closedWithoutMerge(T0.plus(Duration.ofHours(1)))
            .build());
    usage(
        "eng-1", "spike", "s-1", T0.plusSeconds(120)); // made before the close, processed after it
    usage("eng-2", "spike", "s-2", T0.minusSeconds(600)); // made before the PR was opened
    usage(
        "eng-1",
        "spike",
        "s-1",
        T0.plus(Duration.ofHours(2))); // after the close: not the PR's work

    List<PrAttribution> out = harness.attributions.readValuesToList();
    assertThat(out).hasSize(5);
    PrAttribution last = out.get(4);
    assertThat(last.getFinalized()).isTrue();
    assertThat(last.getMerged()).isFalse();
    assertThat(last.getVersion()).isEqualTo(out.get(2).getVersion() + 2);
    assertThat(last.getRequests()).isEqualTo(3);
    assertThat(last.getSessions()).isEqualTo(2);
    assertThat(last.getEngineerIds()).containsExactly("eng-1", "eng-2");
    assertThat(last.getFirstUsageAt()).isEqualTo(T0.minusSeconds(600));
  }

  @Test
  void shouldKeepTheSpendOfAPrClosedUnmerged() {
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .at(T0)
            .build());
    usage("eng-1", "spike", "s-1", T0.plusSeconds(60));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .closedWithoutMerge(T0.plus(Duration.ofHours(1)))
            .build());

    PrAttribution closed = harness.attributions.readValuesToList().get(2);
    assertThat(closed.getFinalized()).isTrue();
    assertThat(closed.getMerged()).isFalse();
    assertThat(closed.getClosedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(closed.getCostUsd()).isPositive();
  }

  @Test
  void shouldAttributeABranchsUsageProcessedAfterItsPrClosedAndAfterLaterPrEventsOfTheRepository() {
    // a replay: the pull-request events run hours ahead of the usage path in the same task
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .at(T0.plus(Duration.ofMinutes(45)))
            .build());
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("spike")
            .author("ada-gh")
            .closedWithoutMerge(T0.plus(Duration.ofHours(3).plusMinutes(30)))
            .build());
    for (int h = 4; h <= 30; h += 2) {
      harness.pipe(
          PullRequests.anOpenedPr()
              .repository(REPO)
              .number(100 + h)
              .branch("other-" + h)
              .author("ada-gh")
              .at(T0.plus(Duration.ofHours(h)))
              .build());
      harness.pipe(
          PullRequests.anOpenedPr()
              .repository(REPO)
              .number(100 + h)
              .branch("other-" + h)
              .author("ada-gh")
              .merged(T0.plus(Duration.ofHours(h)).plusSeconds(60))
              .build());
    }
    usage("eng-1", "spike", "s-1", T0);
    usage("eng-1", "spike", "s-1", T0.plusSeconds(600));

    PrAttribution last =
        harness.attributions.readValuesToList().stream()
            .filter(a -> a.getNumber() == 7)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(last.getFinalized()).isTrue();
    assertThat(last.getRequests()).isEqualTo(2);
    assertThat(last.getExactMatchTokens()).isEqualTo(2 * 1400);
  }

  @Test
  void shouldLeaveTheAuthorsWorkOnAnotherFeatureBranchToThatBranchsPr() {
    usage(
        "eng-1",
        "feature/other",
        "s-1",
        T0.minus(Duration.ofHours(2))); // another branch: not this PR's work
    usage(
        "eng-1",
        "feature/retry",
        "s-2",
        T0.minus(Duration.ofHours(1))); // its own branch, before it opened
    usage("eng-1", null, "s-3", T0.minusSeconds(600)); // no branch: inferred

    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch("feature/retry")
            .base("main")
            .author("ada-gh")
            .at(T0)
            .build());
    PrAttribution opened = harness.attributions.readValue();
    assertThat(opened.getRequests()).isEqualTo(2);
    assertThat(opened.getExactMatchTokens()).isEqualTo(1400);
    assertThat(opened.getInferredMatchTokens()).isEqualTo(1400);

    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(8)
            .branch("feature/other")
            .base("main")
            .author("ada-gh")
            .at(T0.plusSeconds(60))
            .build());
    PrAttribution other = harness.attributions.readValue();
    assertThat(other.getNumber()).isEqualTo(8);
    assertThat(other.getRequests()).isEqualTo(1);
    assertThat(other.getExactMatchTokens()).isEqualTo(1400);
  }

  @Test
  void shouldAttributeTheSumsOfASessionsManyRequestsAsTheRequestsThemselves() {
    String branch = "feature/retry";
    for (int i = 0; i < 12; i++) { // before the pull request, on its branch: exact once it opens
      usage("eng-1", branch, "s-1", T0.plusSeconds(10L * i));
    }
    for (int i = 0; i < 6; i++) { // no branch: inferred
      usage("eng-1", null, "s-1", T0.plusSeconds(130 + 5L * i));
    }
    usage(
        "eng-2",
        "other-branch",
        "s-2",
        T0.plusSeconds(200)); // another branch's work: never attributed
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch(branch)
            .author("ada-gh")
            .at(T0.plus(Duration.ofMinutes(5)))
            .build());
    for (int i = 0; i < 20; i++) { // on the open pull request's branch
      usage("eng-1", branch, "s-1", T0.plus(Duration.ofMinutes(6)).plusSeconds(7L * i));
    }
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(REPO)
            .number(7)
            .branch(branch)
            .author("ada-gh")
            .merged(T0.plus(Duration.ofMinutes(10)))
            .build());

    List<TokenUsage> requests = harness.enriched.readValuesToList();
    List<TokenUsage> attributed =
        requests.stream().filter(u -> "s-1".equals(u.getSessionId())).toList();
    assertThat(attributed).hasSize(38);
    List<PrAttribution> out = harness.attributions.readValuesToList();
    PrAttribution last = out.get(out.size() - 1);
    assertThat(last.getFinalized()).isTrue();
    assertThat(last.getRequests()).isEqualTo(38);
    assertThat(last.getInputTokens())
        .isEqualTo(attributed.stream().mapToLong(TokenUsage::getInputTokens).sum());
    assertThat(last.getOutputTokens())
        .isEqualTo(attributed.stream().mapToLong(TokenUsage::getOutputTokens).sum());
    assertThat(last.getCostUsd())
        .isCloseTo(
            attributed.stream().mapToDouble(TokenUsage::getComputedCostUsd).sum(), within(1e-9));
    assertThat(last.getInferredMatchTokens()).isEqualTo(6 * 1400);
    assertThat(last.getExactMatchTokens()).isEqualTo(32 * 1400);
    assertThat(last.getSessions()).isEqualTo(1);
    assertThat(last.getEngineers()).isEqualTo(1);
    assertThat(last.getEngineerIds()).containsExactly("eng-1");
    assertThat(last.getFirstUsageAt()).isEqualTo(T0);
    assertThat(last.getLastUsageAt())
        .isEqualTo(T0.plus(Duration.ofMinutes(6)).plusSeconds(7L * 19));

    // the driver commits after each input record: each commit summed one request, so one part per
    // request
    // (PrUsageSumsTaskTest has commits of many requests)
    String applicationId =
        harness.config().streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    List<TestRecord<String, PrUsagePart>> parts =
        harness
            .driver()
            .createOutputTopic(
                applicationId + "-" + TopologyNames.PR_USAGE_REPARTITION + "-repartition",
                Serdes.String().deserializer(),
                new PrUsageSerde(null).deserializer())
            .readRecordsToList();
    assertThat(parts).hasSize(requests.size());
    assertThat(parts)
        .allSatisfy(
            r -> {
              assertThat(r.key()).isEqualTo(REPO);
              assertThat(r.value().sums().requests).isEqualTo(1);
              assertThat(r.timestamp()).isEqualTo(r.value().sums().first.toEpochMilli());
            });
  }

  private TokenUsage usage(String engineer, String branch, String session, Instant at) {
    TokenUsage usage =
        TokenUsages.aRequest()
            .engineer(engineer)
            .unresolved()
            .repo(REPO, branch)
            .session(session)
            .tokens(1000, 0, 0, 400)
            .at(at)
            .build();
    harness.pipe(usage, at);
    return usage;
  }
}
