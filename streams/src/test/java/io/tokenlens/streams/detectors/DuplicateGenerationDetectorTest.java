package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class DuplicateGenerationDetectorTest extends DetectorTestBase {

  /**
   * Prompt number {@code n} with {@code hash} in session {@code s-<n % 3>}, and the request that
   * serves it.
   */
  private void prompt(int n, Instant at, String hash) {
    String session = "s-" + n % 3;
    String promptId = "p-" + n;
    harness.topology.pipe(
        AgentActivities.aUserPrompt()
            .session(session)
            .prompt(promptId)
            .promptHash(hash)
            .at(at)
            .build());
    harness.pipe(
        TokenUsages.aRequest()
            .session(session)
            .prompt(promptId)
            .fingerprint("size:" + n)
            .at(at.plusSeconds(5)));
  }

  private void prompts(int count, Instant from, long everySeconds) {
    for (int i = 0; i < count; i++) {
      prompt(i, from.plusSeconds(i * everySeconds), "h-1");
    }
  }

  /**
   * An unhashed prompt of {@code length} in its own session, served by a first request of {@code
   * input} tokens.
   */
  private void unhashedPrompt(int n, Instant at, int length, long input) {
    unloggedPrompt(n, at, length);
    firstRequest(n, at, input);
    laterRequest(n, at, input);
  }

  /** Prompt {@code q-<n>} of {@code length}, without its text, in its own session. */
  private void unloggedPrompt(int n, Instant at, int length) {
    harness.topology.pipe(
        AgentActivities.aUserPrompt()
            .session("fresh-" + n)
            .prompt("q-" + n)
            .promptLength(length)
            .at(at)
            .build());
  }

  /**
   * The first request of prompt {@code q-<n>} sent at {@code at}: {@code input} tokens, its shape.
   */
  private void firstRequest(int n, Instant at, long input) {
    harness.pipe(
        TokenUsages.aRequest()
            .session("fresh-" + n)
            .prompt("q-" + n)
            .tokens(input, 0, 0, 300)
            .at(at.plusMillis(1_500)));
  }

  /**
   * A later request of prompt {@code q-<n>} sent at {@code at}, on a grown context: not its shape.
   */
  private void laterRequest(int n, Instant at, long input) {
    harness.pipe(
        TokenUsages.aRequest()
            .session("fresh-" + n)
            .prompt("q-" + n)
            .tokens(input + 900, 0, 0, 300)
            .at(at.plusSeconds(40)));
  }

  /** Requests of other sessions, hours apart in event time: a replay sends days in a minute. */
  private void replayRunsOn(Instant from) {
    for (int h = 1; h <= 12; h += 3) {
      harness.streamTimeTo(from.plus(Duration.ofHours(h)));
    }
  }

  private String shapeFindingId(int length, long input) {
    return "DUPLICATE_GENERATION:"
        + Fixtures.ENGINEER
        + ":shape:"
        + length
        + ":"
        + input
        + "@"
        + T0.toEpochMilli();
  }

  @Test
  void shouldFlagTheSamePromptShapeFiveTimesWhenPromptsAreNotLogged() {
    for (int i = 0; i < 5; i++) {
      unhashedPrompt(i, T0.plusSeconds(540L * i), 1_200, 6_000);
    }
    assertThat(harness.findings())
        .isEmpty(); // shapes are taken once the requests had time to arrive

    wallClockPasses(Duration.ofSeconds(15));
    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getFindingId()).isEqualTo(shapeFindingId(1_200, 6_000));
    assertThat(findings.get(0).getEvidence())
        .containsEntry("repeats", 5.0)
        .containsEntry("sessions", 5.0);
  }

  @Test
  void shouldStaySilentWhenUnloggedPromptsOfOneLengthStartFromDifferentContexts() {
    for (int i = 0; i < 5; i++) {
      unhashedPrompt(i, T0.plusSeconds(540L * i), 1_200, i == 2 ? 6_001 : 6_000);
    }
    wallClockPasses(Duration.ofSeconds(15));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldTakeTheShapeFromTheEarliestRequestWhateverOrderTheyArriveIn() {
    for (int i = 0; i < 5; i++) {
      String session = "fresh-" + i;
      Instant at = T0.plusSeconds(540L * i);
      harness.pipe(
          TokenUsages.aRequest()
              .session(session)
              .prompt("q-" + i)
              .tokens(9_000 + i, 0, 0, 300)
              .at(at.plusSeconds(30)));
      harness.pipe(
          TokenUsages.aRequest()
              .session(session)
              .prompt("q-" + i)
              .tokens(6_000, 0, 0, 300)
              .at(at.plusSeconds(2)));
      harness.topology.pipe(
          AgentActivities.aUserPrompt()
              .session(session)
              .prompt("q-" + i)
              .promptLength(800)
              .at(at)
              .build());
    }
    wallClockPasses(Duration.ofSeconds(15));

    assertThat(harness.findings())
        .extracting(WasteFinding::getFindingId)
        .containsExactly(shapeFindingId(800, 6_000));
  }

  @Test
  void shouldFlagTheSamePromptShapeOnceAtReplaySpeedWithoutWaitingForTheWallClock() {
    for (int i = 0; i < 6; i++) {
      unhashedPrompt(i, T0.plus(Duration.ofMinutes(9L * i)), 1_200, 6_000);
    }
    replayRunsOn(T0.plus(Duration.ofMinutes(45)));

    List<WasteFinding> findings = latest(harness.findings());
    assertThat(findings)
        .extracting(WasteFinding::getFindingId)
        .containsExactly(shapeFindingId(1_200, 6_000));
    assertThat(findings.get(0).getEvidence())
        .containsEntry("repeats", 5.0)
        .containsEntry("sessions", 5.0);
    assertThat(findings.get(0).getTokens())
        .isPositive(); // the repeats' requests were recorded by then

    wallClockPasses(Duration.ofSeconds(15));
    assertThat(harness.findings()).isEmpty(); // decided once
  }

  @Test
  void shouldStaySilentAtFourRepeatsOfAPromptShapeAtReplaySpeed() {
    for (int i = 0; i < 4; i++) {
      unhashedPrompt(i, T0.plus(Duration.ofMinutes(9L * i)), 1_200, 6_000);
    }
    replayRunsOn(T0.plus(Duration.ofMinutes(27)));
    wallClockPasses(Duration.ofSeconds(15));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldTakeTheShapeFromTheFirstRequestWhenALaterRequestOfThePromptArrivesBeforeIt() {
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plus(Duration.ofMinutes(9L * i));
      unloggedPrompt(i, at, 1_200);
      laterRequest(i, at, 6_000);
      firstRequest(i, at, 6_000);
    }
    replayRunsOn(T0.plus(Duration.ofMinutes(36)));

    assertThat(harness.findings())
        .extracting(WasteFinding::getFindingId)
        .containsExactly(shapeFindingId(1_200, 6_000));
  }

  @Test
  void shouldTakeTheShapesWhenThePromptsRunHoursAheadOfTheirRequests() {
    for (int i = 0; i < 5; i++) {
      unloggedPrompt(i, T0.plus(Duration.ofMinutes(9L * i)), 1_200);
    }
    unloggedPrompt(
        9, T0.plus(Duration.ofHours(5)), 300); // the prompts' input is hours ahead of the requests
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plus(Duration.ofMinutes(9L * i));
      firstRequest(i, at, 6_000);
      laterRequest(i, at, 6_000);
    }
    replayRunsOn(T0.plus(Duration.ofMinutes(36)));

    assertThat(harness.findings())
        .extracting(WasteFinding::getFindingId)
        .containsExactly(shapeFindingId(1_200, 6_000));
  }

  @Test
  void shouldForgetAnUnloggedPromptWhoseRequestsNeverCameOnceTheCostStoreNoLongerHoldsThem() {
    unloggedPrompt(0, T0, 1_200);
    KeyValueStore<String, Object> shapes =
        harness.topology.driver().getKeyValueStore(DuplicateGenerationDetector.SHAPES_STORE);
    // the session activity retention (six hours by default) bounds how far one session's requests
    // may lag another's
    harness.streamTimeTo(T0.plus(Duration.ofHours(5)));
    assertThat(shapes.approximateNumEntries()).isEqualTo(1); // its requests may still come

    harness.streamTimeTo(T0.plus(Duration.ofHours(6).plusMinutes(1)));
    try (KeyValueIterator<String, Object> pending = shapes.all()) {
      assertThat(pending.hasNext()).isFalse();
    }
  }

  @Test
  void shouldTakeTheShapeOfAPromptWhoseRequestsAreRecordedHoursBehindOtherSessions() {
    for (int i = 0; i < 5; i++) {
      unloggedPrompt(i, T0.plus(Duration.ofMinutes(9L * i)), 1_200);
    }
    harness.streamTimeTo(T0.plus(Duration.ofHours(3))); // other sessions' requests, recorded first
    for (int i = 0; i < 5; i++) {
      Instant at = T0.plus(Duration.ofMinutes(9L * i));
      firstRequest(i, at, 6_000);
      laterRequest(i, at, 6_000);
    }

    assertThat(harness.findings())
        .extracting(WasteFinding::getFindingId)
        .containsExactly(shapeFindingId(1_200, 6_000));
  }

  @Test
  void shouldFlagTheSamePromptFiveTimesWithinAnHourAcrossSessions() {
    prompts(5, T0, 600);

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.DUPLICATE_GENERATION);
    assertThat(f.getFindingId())
        .isEqualTo("DUPLICATE_GENERATION:" + Fixtures.ENGINEER + ":hash:h-1@" + T0.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isNull();
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(2400));
    assertThat(f.getEvidence()).containsEntry("repeats", 5.0).containsEntry("sessions", 3.0);
    // the requests of prompts 2-4 had arrived when the fifth prompt was seen; the first prompt is
    // not waste
    assertThat(f.getTokens()).isEqualTo(3 * (1_500L + 20_000L + 400L));
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
  }

  @Test
  void shouldFlagTheSamePromptWhenAnotherSessionsPromptsWereProcessedHoursAhead() {
    // prompts reach the engineer from every session's task; in a replay one task can run hours
    // ahead of another
    prompt(9, T0.plus(Duration.ofHours(4)), "h-other");
    prompts(5, T0, 600);

    assertThat(harness.findings())
        .extracting(WasteFinding::getFindingId)
        .containsExactly(
            "DUPLICATE_GENERATION:" + Fixtures.ENGINEER + ":hash:h-1@" + T0.toEpochMilli());
  }

  @Test
  void shouldStaySilentAtFourRepeats() {
    prompts(4, T0, 600);
    prompt(9, T0.plusSeconds(2500), "h-other");

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenFiveRepeatsSpanMoreThanAnHour() {
    prompts(5, T0, 901); // 3,604 s from first to last

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldIgnorePromptsWithoutAHashAndOfUnknownEngineers() {
    for (int i = 0; i < 5; i++) {
      harness.topology.pipe(AgentActivities.aUserPrompt().at(T0.plusSeconds(i)).build());
      harness.topology.pipe(
          AgentActivities.aUserPrompt()
              .email("stranger@example.com")
              .promptHash("h-1")
              .at(T0.plusSeconds(i))
              .build());
    }

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldLeaveOutTheConfiguredServiceAccounts() {
    try (DetectorHarness ci =
        new DetectorHarness(
            stateDir.resolve("ci"),
            Map.of(DetectorConfig.DUPLICATE_EXCLUDED_TEAMS, "platform, " + Fixtures.TEAM))) {
      for (int i = 0; i < 6; i++) {
        ci.topology.pipe(
            AgentActivities.aUserPrompt()
                .session("ci-" + i)
                .prompt("p-" + i)
                .promptHash("h-1")
                .at(T0.plusSeconds(300L * i))
                .build());
      }
      assertThat(ci.findings()).isEmpty();
    }
  }

  @Test
  void shouldFlagOnceWhileTheSamePromptKeepsComing() {
    prompts(20, T0, 300);

    assertThat(latest(harness.findings())).hasSize(1);
  }

  @Test
  void shouldFlagOnceWhenPromptsArriveOutOfOrderWithinGrace() {
    int[] order = {3, 0, 4, 1, 2};
    for (int i : order) {
      prompt(i, T0.plusSeconds(i * 20L), "h-1");
    }

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }
}
