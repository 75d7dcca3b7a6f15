package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.testkit.fixtures.AgentActivities;
import io.tokenlens.testkit.fixtures.Fixtures;
import io.tokenlens.testkit.fixtures.TokenUsages;
import io.tokenlens.streams.config.DetectorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateGenerationDetectorTest extends DetectorTestBase {

  /** Prompt number {@code n} with {@code hash} in session {@code s-<n % 3>}, and the request that serves it. */
  private void prompt(int n, Instant at, String hash) {
    String session = "s-" + n % 3;
    String promptId = "p-" + n;
    harness.topology.pipe(AgentActivities.aUserPrompt().session(session).prompt(promptId).promptHash(hash).at(at)
        .build());
    harness.pipe(TokenUsages.aRequest().session(session).prompt(promptId).fingerprint("size:" + n)
        .at(at.plusSeconds(5)));
  }

  private void prompts(int count, Instant from, long everySeconds) {
    for (int i = 0; i < count; i++) {
      prompt(i, from.plusSeconds(i * everySeconds), "h-1");
    }
  }

  /** An unhashed prompt of {@code length} in its own session, served by a first request of {@code input} tokens. */
  private void unhashedPrompt(int n, Instant at, int length, long input) {
    String session = "fresh-" + n;
    harness.topology.pipe(AgentActivities.aUserPrompt().session(session).prompt("q-" + n).promptLength(length).at(at)
        .build());
    harness.pipe(TokenUsages.aRequest().session(session).prompt("q-" + n).tokens(input, 0, 0, 300)
        .at(at.plusSeconds(2)));
    harness.pipe(TokenUsages.aRequest().session(session).prompt("q-" + n).tokens(input + 900, 0, 0, 300)
        .at(at.plusSeconds(40))); // a later request of the same prompt: not its shape
  }

  @Test
  void shouldFlagTheSamePromptShapeFiveTimesWhenPromptsAreNotLogged() {
    for (int i = 0; i < 5; i++) {
      unhashedPrompt(i, T0.plusSeconds(540L * i), 1_200, 6_000);
    }
    assertThat(harness.findings()).isEmpty(); // shapes are taken once the requests had time to arrive

    wallClockPasses(Duration.ofSeconds(15));
    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getFindingId()).isEqualTo("DUPLICATE_GENERATION:" + Fixtures.ENGINEER
        + ":shape:1200:6000@" + T0.toEpochMilli());
    assertThat(findings.get(0).getEvidence()).containsEntry("repeats", 5.0).containsEntry("sessions", 5.0);
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
      harness.pipe(TokenUsages.aRequest().session(session).prompt("q-" + i).tokens(9_000 + i, 0, 0, 300)
          .at(at.plusSeconds(30)));
      harness.pipe(TokenUsages.aRequest().session(session).prompt("q-" + i).tokens(6_000, 0, 0, 300)
          .at(at.plusSeconds(2)));
      harness.topology.pipe(AgentActivities.aUserPrompt().session(session).prompt("q-" + i).promptLength(800)
          .at(at).build());
    }
    wallClockPasses(Duration.ofSeconds(15));

    assertThat(harness.findings()).extracting(WasteFinding::getFindingId)
        .containsExactly("DUPLICATE_GENERATION:" + Fixtures.ENGINEER + ":shape:800:6000@" + T0.toEpochMilli());
  }

  @Test
  void shouldFlagTheSamePromptFiveTimesWithinAnHourAcrossSessions() {
    prompts(5, T0, 600);

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.DUPLICATE_GENERATION);
    assertThat(f.getFindingId()).isEqualTo("DUPLICATE_GENERATION:" + Fixtures.ENGINEER + ":hash:h-1@" + T0.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isNull();
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(2400));
    assertThat(f.getEvidence()).containsEntry("repeats", 5.0).containsEntry("sessions", 3.0);
    // the requests of prompts 2-4 had arrived when the fifth prompt was seen; the first prompt is not waste
    assertThat(f.getTokens()).isEqualTo(3 * (1_500L + 20_000L + 400L));
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
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
      harness.topology.pipe(AgentActivities.aUserPrompt().email("stranger@example.com").promptHash("h-1")
          .at(T0.plusSeconds(i)).build());
    }

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldLeaveOutTheConfiguredServiceAccounts() {
    try (DetectorHarness ci = new DetectorHarness(stateDir.resolve("ci"),
        Map.of(DetectorConfig.DUPLICATE_EXCLUDED_TEAMS, "platform, " + Fixtures.TEAM))) {
      for (int i = 0; i < 6; i++) {
        ci.topology.pipe(AgentActivities.aUserPrompt().session("ci-" + i).prompt("p-" + i).promptHash("h-1")
            .at(T0.plusSeconds(300L * i)).build());
      }
      assertThat(ci.findings()).isEmpty();
    }
  }

  @Test
  void shouldFlagOnceWhileTheSamePromptKeepsComing() {
    prompts(20, T0, 300);

    assertThat(harness.findings()).hasSize(1);
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
