package io.tokenlens.streams.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Incidents;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LinkReason;
import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentLinkTopologyTest {

  private static final Instant TRIGGERED = Instant.parse("2026-03-05T12:00:00Z");
  private static final String API = "acme/payments";
  private static final String WEB = "acme/payments-web";
  private static final String OTHER = "acme/search";
  private static final String SERVICE = "payments-api";

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
    harness.pipe(ModelPrices.aPrice().build());
    harness.pipe(DirectoryEntries.anEngineer("eng-1", "payments").build());
    harness.pipe(DirectoryEntries.aRepository(API, SERVICE).build());
    harness.pipe(DirectoryEntries.aRepository(WEB, SERVICE).build());
    harness.pipe(DirectoryEntries.aRepository(OTHER, "search").build());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldLinkAnIncidentToThePrsMergedIntoItsServiceWithinTheWindowBeforeItTriggered() {
    mergedPr(API, 1, TRIGGERED.minus(Duration.ofHours(2)), 3);
    mergedPr(WEB, 2, TRIGGERED.minus(Duration.ofHours(71)), 0);
    mergedPr(API, 3, TRIGGERED.minus(Duration.ofHours(73)), 0); // before the 72 h window
    mergedPr(OTHER, 4, TRIGGERED.minus(Duration.ofHours(1)), 0); // another service
    mergedPr(API, 5, TRIGGERED.plus(Duration.ofMinutes(10)), 0); // after the trigger

    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());

    List<TestRecord<String, IncidentLink>> out = harness.incidentLinks.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsOnly(SERVICE);
    assertThat(out)
        .extracting(r -> r.value().getRepository() + "#" + r.value().getNumber())
        .containsExactlyInAnyOrder(API + "#1", WEB + "#2");
    IncidentLink recent =
        out.stream().filter(r -> r.value().getNumber() == 1).findFirst().orElseThrow().value();
    assertThat(recent.getReason()).isEqualTo(LinkReason.SERVICE_RECENT_MERGE);
    assertThat(recent.getLinkId()).isEqualTo("PAGERDUTY:PINC42|" + API + "#1");
    assertThat(recent.getIncidentTriggeredAt()).isEqualTo(TRIGGERED);
    assertThat(recent.getMergedAt()).isEqualTo(TRIGGERED.minus(Duration.ofHours(2)));
    assertThat(recent.getHoursSinceMerge()).isCloseTo(2.0, within(1e-9));
    assertThat(recent.getPrTokens()).isEqualTo(3 * (1000 + 400));
    assertThat(recent.getPrCostUsd())
        .isCloseTo(3 * (1000 * 3.0 + 400 * 15.0) / 1_000_000, within(1e-12));
    assertThat(recent.getPrCostPercentile()).isNull(); // too few merged PRs to rank
    assertThat(recent.getAiHeavy()).isFalse();
  }

  @Test
  void shouldLinkAPrTheIncidentReferencesEvenWhenItWasMergedBeforeTheWindow() {
    mergedPr(API, 3, TRIGGERED.minus(Duration.ofDays(5)), 1);

    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksTo(API, 3)
            .linksTo(OTHER, 99)
            .build());

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    assertThat(out)
        .extracting(l -> l.getRepository() + "#" + l.getNumber() + " " + l.getReason())
        .containsExactlyInAnyOrder(API + "#3 EXPLICIT_REFERENCE", OTHER + "#99 EXPLICIT_REFERENCE");
    IncidentLink known = out.stream().filter(l -> l.getNumber() == 3).findFirst().orElseThrow();
    assertThat(known.getHoursSinceMerge()).isCloseTo(120.0, within(1e-9));
    assertThat(known.getPrCostUsd()).isPositive();
    IncidentLink unknown = out.stream().filter(l -> l.getNumber() == 99).findFirst().orElseThrow();
    assertThat(unknown.getMergedAt()).isNull();
    assertThat(unknown.getPrCostUsd()).isZero();
  }

  @Test
  void shouldLinkThePrOfACommitTheIncidentReferencesByItsAbbreviatedSha() {
    mergedPr(API, 6, TRIGGERED.minus(Duration.ofDays(4)), 1);
    mergedPr(API, 7, TRIGGERED.minus(Duration.ofDays(4)), 1);

    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksToCommit(API, mergeSha(7).substring(0, 10).toUpperCase())
            .linksToCommit(API, "fffffffff")
            .build());

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    assertThat(out)
        .extracting(l -> l.getRepository() + "#" + l.getNumber() + " " + l.getReason())
        .containsExactly(API + "#7 EXPLICIT_REFERENCE"); // an unknown commit names no pull request
    assertThat(out.get(0).getMergedAt()).isEqualTo(TRIGGERED.minus(Duration.ofDays(4)));
    assertThat(out.get(0).getPrCostUsd()).isPositive();
  }

  @Test
  void shouldEmitEachIncidentAndPrPairOnceAcrossStatusUpdates() {
    mergedPr(API, 1, TRIGGERED.minus(Duration.ofHours(2)), 1);
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksTo(API, 1)
            .build());
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .acknowledgedAt(TRIGGERED.plus(Duration.ofMinutes(5)))
            .linksTo(API, 1)
            .build());
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .resolvedAt(TRIGGERED.plus(Duration.ofHours(1)))
            .linksTo(API, 1)
            .linksTo(WEB, 8)
            .build());

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    assertThat(out)
        .extracting(IncidentLink::getLinkId)
        .containsExactly("PAGERDUTY:PINC42|" + API + "#1", "PAGERDUTY:PINC42|" + WEB + "#8");
    assertThat(out.get(0).getReason())
        .isEqualTo(LinkReason.EXPLICIT_REFERENCE); // the reference wins

    harness.pipe(
        Incidents.aTriggeredIncident()
            .incidentId("PINC43")
            .service(SERVICE)
            .triggeredAt(TRIGGERED.plus(Duration.ofHours(2)))
            .build());
    assertThat(harness.incidentLinks.readValuesToList())
        .extracting(IncidentLink::getLinkId)
        .containsExactly(
            "PAGERDUTY:PINC43|" + API + "#1"); // another incident links the same PR again
  }

  @Test
  void shouldRankThePrCostAmongTheServicesMergedPrsAndMarkTheTopDecileAiHeavy() {
    for (int n = 1; n <= 10; n++) {
      mergedPr(
          API, n, TRIGGERED.minus(Duration.ofDays(6)).plus(Duration.ofHours(n)), n == 10 ? 5 : 1);
    }
    mergedPr(API, 11, TRIGGERED.minus(Duration.ofHours(1)), 0);
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksTo(API, 10)
            .build());

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    IncidentLink heavy = out.stream().filter(l -> l.getNumber() == 10).findFirst().orElseThrow();
    assertThat(heavy.getPrCostPercentile()).isCloseTo(100.0, within(1e-9));
    assertThat(heavy.getAiHeavy()).isTrue();
    IncidentLink light = out.stream().filter(l -> l.getNumber() == 11).findFirst().orElseThrow();
    assertThat(light.getPrCostPercentile()).isCloseTo(100.0 / 11, within(1e-9));
    assertThat(light.getAiHeavy()).isFalse();
  }

  @Test
  void shouldLinkAnIncidentToAMergeThatPrecedesItButArrivesAfterIt() {
    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());
    assertThat(harness.incidentLinks.readValuesToList()).isEmpty();

    mergedPr(API, 1, TRIGGERED.minus(Duration.ofHours(2)), 3);

    List<TestRecord<String, IncidentLink>> out = harness.incidentLinks.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly(SERVICE);
    IncidentLink link = out.get(0).value();
    assertThat(link.getLinkId()).isEqualTo("PAGERDUTY:PINC42|" + API + "#1");
    assertThat(link.getReason()).isEqualTo(LinkReason.SERVICE_RECENT_MERGE);
    assertThat(link.getIncidentTriggeredAt()).isEqualTo(TRIGGERED);
    assertThat(link.getMergedAt()).isEqualTo(TRIGGERED.minus(Duration.ofHours(2)));
    assertThat(link.getHoursSinceMerge()).isCloseTo(2.0, within(1e-9));
    assertThat(link.getPrTokens()).isEqualTo(3 * (1000 + 400));
    assertThat(link.getPrCostUsd())
        .isCloseTo(3 * (1000 * 3.0 + 400 * 15.0) / 1_000_000, within(1e-12));
    assertThat(link.getPrCostPercentile()).isNull();
    assertThat(link.getAiHeavy()).isFalse();
  }

  @Test
  void shouldLinkMergesArrivingAfterTheIncidentOnlyWithinTheWindowBeforeItsTrigger() {
    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());

    mergedPr(WEB, 2, TRIGGERED.minus(Duration.ofHours(72)), 0); // the first instant of the window
    mergedPr(API, 3, TRIGGERED.minus(Duration.ofHours(72)).minusSeconds(1), 0); // before the window
    mergedPr(OTHER, 4, TRIGGERED.minus(Duration.ofHours(1)), 0); // another service
    mergedPr(API, 5, TRIGGERED.plus(Duration.ofMinutes(10)), 0); // after the trigger

    assertThat(harness.incidentLinks.readValuesToList())
        .extracting(l -> l.getRepository() + "#" + l.getNumber() + " " + l.getReason())
        .containsExactly(WEB + "#2 SERVICE_RECENT_MERGE");
  }

  @Test
  void shouldNotLinkAgainForLaterVersionsOfTheMergeOrLaterUpdatesOfTheIncident() {
    Instant merged = TRIGGERED.minus(Duration.ofHours(2));
    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());
    mergedPr(API, 1, merged, 1);
    assertThat(harness.incidentLinks.readValuesToList()).hasSize(1);

    requestProcessedAfterTheMerge(API, 1, merged);
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .acknowledgedAt(TRIGGERED.plus(Duration.ofMinutes(5)))
            .build());
    requestProcessedAfterTheMerge(API, 1, merged);
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .resolvedAt(TRIGGERED.plus(Duration.ofHours(1)))
            .build());

    assertThat(finalVersions(API, 1))
        .hasSizeGreaterThanOrEqualTo(3); // the merge and two later final versions
    assertThat(harness.incidentLinks.readValuesToList()).isEmpty();
  }

  @Test
  void shouldNotLinkAgainForLaterVersionsOfAMergeThatArrivedBeforeTheIncident() {
    Instant merged = TRIGGERED.minus(Duration.ofHours(2));
    mergedPr(API, 1, merged, 1);
    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());
    assertThat(harness.incidentLinks.readValuesToList()).hasSize(1);

    requestProcessedAfterTheMerge(API, 1, merged);

    assertThat(finalVersions(API, 1)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(harness.incidentLinks.readValuesToList()).isEmpty();
  }

  @Test
  void shouldCompleteAReferenceToAPrWhoseMergeArrivesAfterTheIncident() {
    Instant merged =
        TRIGGERED.minus(Duration.ofDays(5)); // referenced: linked although before the window
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksTo(API, 3)
            .build());
    List<IncidentLink> referenced = harness.incidentLinks.readValuesToList();
    assertThat(referenced)
        .extracting(IncidentLink::getLinkId)
        .containsExactly("PAGERDUTY:PINC42|" + API + "#3");
    assertThat(referenced.get(0).getMergedAt()).isNull(); // not known yet

    mergedPr(API, 3, merged, 1);
    requestProcessedAfterTheMerge(API, 3, merged);
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .resolvedAt(TRIGGERED.plus(Duration.ofHours(1)))
            .linksTo(API, 3)
            .build());

    List<IncidentLink> completed = harness.incidentLinks.readValuesToList();
    assertThat(completed)
        .extracting(IncidentLink::getLinkId)
        .containsExactly("PAGERDUTY:PINC42|" + API + "#3");
    assertThat(completed.get(0).getReason()).isEqualTo(LinkReason.EXPLICIT_REFERENCE);
    assertThat(completed.get(0).getMergedAt()).isEqualTo(merged);
    assertThat(completed.get(0).getHoursSinceMerge()).isCloseTo(120.0, within(1e-9));
    assertThat(completed.get(0).getPrCostUsd()).isPositive();
  }

  @Test
  void shouldLinkACommitTheIncidentReferencesWhenItsPrsMergeArrivesAfterTheIncident() {
    harness.pipe(
        Incidents.aTriggeredIncident()
            .service(SERVICE)
            .triggeredAt(TRIGGERED)
            .linksToCommit(API, mergeSha(7).substring(0, 10))
            .build());
    assertThat(harness.incidentLinks.readValuesToList())
        .isEmpty(); // no merged pull request has the commit yet

    mergedPr(API, 6, TRIGGERED.minus(Duration.ofDays(4)), 1);
    mergedPr(API, 7, TRIGGERED.minus(Duration.ofDays(4)), 1);

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    assertThat(out)
        .extracting(l -> l.getRepository() + "#" + l.getNumber() + " " + l.getReason())
        .containsExactly(API + "#7 EXPLICIT_REFERENCE");
    assertThat(out.get(0).getMergedAt()).isEqualTo(TRIGGERED.minus(Duration.ofDays(4)));
    assertThat(out.get(0).getPrCostUsd()).isPositive();
  }

  @Test
  void shouldRankAMergeArrivingAfterTheIncidentAmongTheServicesMergedPrs() {
    for (int n = 1; n <= 10; n++) {
      mergedPr(API, n, TRIGGERED.minus(Duration.ofDays(6)).plus(Duration.ofHours(n)), 1);
    }
    harness.pipe(Incidents.aTriggeredIncident().service(SERVICE).triggeredAt(TRIGGERED).build());
    assertThat(harness.incidentLinks.readValuesToList()).isEmpty();

    mergedPr(API, 11, TRIGGERED.minus(Duration.ofHours(1)), 5);

    List<IncidentLink> out = harness.incidentLinks.readValuesToList();
    assertThat(out).extracting(IncidentLink::getNumber).containsExactly(11L);
    assertThat(out.get(0).getPrCostPercentile()).isCloseTo(100.0, within(1e-9));
    assertThat(out.get(0).getAiHeavy()).isTrue();
  }

  /**
   * A request of the pull request's branch made before its merge, processed after it: a new final
   * version.
   */
  private void requestProcessedAfterTheMerge(String repository, long number, Instant mergedAt) {
    Instant at = mergedAt.minus(Duration.ofMinutes(30));
    harness.pipe(
        TokenUsages.aRequest()
            .engineer("eng-1")
            .unresolved()
            .repo(repository, "feature/" + number)
            .session("s-" + number)
            .tokens(1000, 0, 0, 400)
            .at(at)
            .build(),
        at);
  }

  /** The versions of the pull request's final attribution emitted so far (and not read before). */
  private List<Long> finalVersions(String repository, long number) {
    return harness.attributions.readValuesToList().stream()
        .filter(
            a ->
                a.getRepository().equals(repository) && a.getNumber() == number && a.getFinalized())
        .map(a -> a.getVersion())
        .distinct()
        .toList();
  }

  /** A pull request with {@code requests} requests on its branch, merged at {@code mergedAt}. */
  private void mergedPr(String repository, long number, Instant mergedAt, int requests) {
    String branch = "feature/" + number;
    Instant opened = mergedAt.minus(Duration.ofHours(3));
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(repository)
            .number(number)
            .branch(branch)
            .engineer("eng-1")
            .at(opened)
            .build());
    for (int i = 0; i < requests; i++) {
      Instant at = opened.plus(Duration.ofMinutes(10 + i));
      harness.pipe(
          TokenUsages.aRequest()
              .engineer("eng-1")
              .unresolved()
              .repo(repository, branch)
              .session("s-" + number)
              .tokens(1000, 0, 0, 400)
              .at(at)
              .build(),
          at);
    }
    harness.pipe(
        PullRequests.anOpenedPr()
            .repository(repository)
            .number(number)
            .branch(branch)
            .engineer("eng-1")
            .merged(mergedAt)
            .with(b -> b.setMergeCommitSha(mergeSha(number)))
            .build());
  }

  private static String mergeSha(long number) {
    return String.format("%07d", number) + "abcdef0123456789abcdef0123456789a";
  }
}
