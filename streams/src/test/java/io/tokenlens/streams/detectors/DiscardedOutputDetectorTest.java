package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscardedOutputDetectorTest extends DetectorTestBase {

  /** The latest decision piped. */
  private Instant last = T0;

  /** The findings once stream time has passed the latest decision plus the grace. */
  private List<WasteFinding> findings() {
    return harness.findingsAfterGrace(last);
  }

  /**
   * Prompt {@code n}: its request, then the decision on the edit it generated, {@code n} minutes
   * after T0.
   */
  private void edit(int n, boolean accepted) {
    Instant at = T0.plusSeconds(60L * n);
    last = at.plusSeconds(10).isAfter(last) ? at.plusSeconds(10) : last;
    harness.pipe(
        TokenUsages.aRequest().session(SESSION).prompt("p-" + n).fingerprint("size:" + n).at(at));
    harness.topology.pipe(
        (accepted ? AgentActivities.anAcceptedEdit() : AgentActivities.aRejectedEdit())
            .session(SESSION)
            .prompt("p-" + n)
            .at(at.plusSeconds(10))
            .build());
  }

  private void rejectedEdit(int n) {
    edit(n, false);
  }

  @Test
  void shouldFlagFiveRejectedEditsInASession() {
    for (int n = 0; n < 5; n++) {
      rejectedEdit(n);
    }

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.DISCARDED_OUTPUT);
    assertThat(f.getFindingId())
        .isEqualTo("DISCARDED_OUTPUT:s-1@" + T0.plusSeconds(10).toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isEqualTo(SESSION);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(4 * 60 + 10));
    assertThat(f.getEvidence())
        .containsEntry("decisions", 5.0)
        .containsEntry("rejections", 5.0)
        .containsEntry("rejectedShare", 1.0)
        .containsEntry("prompts", 5.0);
    assertThat(f.getTokens()).isEqualTo(5 * (1_500L + 20_000L + 400L));
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
  }

  @Test
  void shouldCountARedeliveredDecisionOnce() {
    for (int n = 0; n < 3; n++) {
      Instant at = T0.plusSeconds(60L * n);
      harness.pipe(
          TokenUsages.aRequest().session(SESSION).prompt("p-" + n).fingerprint("size:" + n).at(at));
      var rejection =
          AgentActivities.aRejectedEdit()
              .session(SESSION)
              .prompt("p-" + n)
              .at(at.plusSeconds(10))
              .build();
      harness.topology.pipe(rejection);
      harness.topology.pipe(rejection); // an exporter's retry of the same batch
      last = at.plusSeconds(10);
    }

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagFourRejectedOfFiveDecisions() {
    for (int n = 0; n < 5; n++) {
      edit(n, n == 2);
    }

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getEvidence())
        .containsEntry("decisions", 5.0)
        .containsEntry("rejections", 4.0)
        .containsEntry("prompts", 4.0);
    assertThat(findings.get(0).getTokens()).isEqualTo(4 * (1_500L + 20_000L + 400L));
  }

  @Test
  void shouldStaySilentAtFourRejectionsAndForOtherTools() {
    for (int n = 0; n < 4; n++) {
      rejectedEdit(n);
    }
    harness.topology.pipe(
        AgentActivities.aRejectedEdit()
            .toolName("Bash")
            .session(SESSION)
            .at(T0.plusSeconds(300))
            .build());
    last = T0.plusSeconds(300);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenFewerThanFourOfFiveAreRejected() {
    for (int n = 0; n < 10; n++) {
      edit(n, n % 2 == 0); // half rejected, as an engineer reviewing edits one by one
    }

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenRejectionsSpanMoreThanTheWindow() {
    rejectedEdit(0);
    rejectedEdit(8);
    rejectedEdit(16);
    rejectedEdit(24);
    rejectedEdit(31); // 31 minutes after the first rejection

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagOnceWhileRejectionsContinue() {
    for (int n = 0; n < 12; n++) {
      rejectedEdit(n);
    }

    List<WasteFinding> findings = findings();
    assertThat(findings).extracting(WasteFinding::getVersion).isSorted().doesNotHaveDuplicates();
    assertThat(latest(findings))
        .singleElement()
        .satisfies(f -> assertThat(f.getEvidence()).containsEntry("rejections", 12.0));
  }

  @Test
  void shouldCountAcceptancesReadAfterTheRejectionsAroundThemWithinTheGrace() {
    for (int n = 0; n < 5; n++) { // five rejections, 10 s apart ...
      harness.topology.pipe(
          AgentActivities.aRejectedEdit()
              .session(SESSION)
              .prompt("p-r" + n)
              .at(T0.plusSeconds(10L * n))
              .build());
    }
    for (int n = 0; n < 4; n++) { // ... and the acceptances between them, read up to 35 s late
      harness.topology.pipe(
          AgentActivities.anAcceptedEdit()
              .session(SESSION)
              .prompt("p-a" + n)
              .at(T0.plusSeconds(10L * n + 5))
              .build());
    }
    last = T0.plusSeconds(40);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagOnceWhenDecisionsArriveOutOfOrderWithinGrace() {
    int[] order = {3, 0, 4, 1, 2};
    for (int n : order) {
      rejectedEdit(n);
    }

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0.plusSeconds(10));
  }
}
