package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.testkit.fixtures.AgentActivities;
import io.tokenlens.testkit.fixtures.Fixtures;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscardedOutputDetectorTest extends DetectorTestBase {

  /** Prompt {@code n}: its request, then the rejection of the edit it generated {@code n} minutes after T0. */
  private void rejectedEdit(int n) {
    Instant at = T0.plusSeconds(60L * n);
    harness.pipe(TokenUsages.aRequest().session(SESSION).prompt("p-" + n).fingerprint("size:" + n).at(at));
    harness.topology.pipe(AgentActivities.aRejectedEdit().session(SESSION).prompt("p-" + n).at(at.plusSeconds(10))
        .build());
  }

  @Test
  void shouldFlagThreeRejectedEditsInASession() {
    for (int n = 0; n < 3; n++) {
      rejectedEdit(n);
    }

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.DISCARDED_OUTPUT);
    assertThat(f.getFindingId()).isEqualTo("DISCARDED_OUTPUT:s-1@" + T0.plusSeconds(10).toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isEqualTo(SESSION);
    assertThat(f.getEvidence()).containsEntry("rejections", 3.0).containsEntry("prompts", 3.0);
    assertThat(f.getTokens()).isEqualTo(3 * (1_500L + 20_000L + 400L));
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
  }

  @Test
  void shouldStaySilentAtTwoRejectionsAndForAcceptedEditsOrOtherTools() {
    rejectedEdit(0);
    rejectedEdit(1);
    harness.topology.pipe(AgentActivities.anAcceptedEdit().session(SESSION).at(T0.plusSeconds(150)).build());
    harness.topology.pipe(AgentActivities.aRejectedEdit().toolName("Bash").session(SESSION)
        .at(T0.plusSeconds(160)).build());

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenRejectionsSpanMoreThanTheWindow() {
    rejectedEdit(0);
    rejectedEdit(16);
    rejectedEdit(31); // 31 minutes after the first rejection

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagOnceWhileRejectionsContinue() {
    for (int n = 0; n < 12; n++) {
      rejectedEdit(n);
    }

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldFlagOnceWhenRejectionsArriveOutOfOrderWithinGrace() {
    rejectedEdit(2);
    rejectedEdit(0);
    rejectedEdit(1);

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0.plusSeconds(10));
  }
}
