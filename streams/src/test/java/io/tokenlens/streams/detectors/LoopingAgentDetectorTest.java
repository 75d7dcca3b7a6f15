package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.testkit.fixtures.Fixtures;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopingAgentDetectorTest extends DetectorTestBase {

  private void request(Instant at, String fingerprint) {
    harness.pipe(TokenUsages.aRequest().session(SESSION).fingerprint(fingerprint).at(at));
  }

  private void repeats(int count, Instant from, long everySeconds) {
    for (int i = 0; i < count; i++) {
      request(from.plusSeconds(i * everySeconds), "size:abc");
    }
  }

  @Test
  void shouldFlagLoopAfterSixIdenticalRequestsWithinTenMinutes() {
    repeats(6, T0, 60);

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.LOOPING_AGENT);
    assertThat(f.getFindingId()).isEqualTo("LOOPING_AGENT:s-1:size:abc@" + T0.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isEqualTo(SESSION);
    assertThat(f.getWindowStart()).isEqualTo(T0);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(300));
    assertThat(f.getEvidence()).containsEntry("repeats", 6.0);
    assertThat(f.getVersion()).isEqualTo(1);
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
    assertThat(f.getEstimatedWastedCostUsd()).isLessThan(f.getEvidence().get("totalCostUsd"));
  }

  @Test
  void shouldStaySilentAtFiveRepeats() {
    repeats(5, T0, 60);
    request(T0.plusSeconds(330), "size:other");

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenSixRepeatsSpanMoreThanTenMinutes() {
    repeats(6, T0, 121); // 605 s from first to last

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenAUserPromptComesBetweenTheRepeats() {
    repeats(3, T0, 30);
    harness.prompt(SESSION, T0.plusSeconds(75));
    repeats(3, T0.plusSeconds(90), 30);

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagOneLoopOnceHoweverLongItRunsAndANewOneAfterAPrompt() {
    repeats(40, T0, 60); // 40 minutes of the same request every minute

    assertThat(harness.findings()).hasSize(1);

    harness.prompt(SESSION, T0.plusSeconds(40 * 60));
    repeats(6, T0.plusSeconds(40 * 60 + 10), 60);

    List<WasteFinding> second = harness.findings();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).getWindowStart()).isEqualTo(T0.plusSeconds(40 * 60 + 10));
  }

  @Test
  void shouldFlagOnceWhenRepeatsArriveOutOfOrderWithinGrace() {
    int[] order = {3, 0, 5, 1, 4, 2, 7, 6};
    for (int i : order) {
      request(T0.plusSeconds(i * 45L), "size:abc");
    }

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }

  @Test
  void shouldKeepSessionsAndFingerprintsApart() {
    for (int i = 0; i < 6; i++) {
      harness.pipe(TokenUsages.aRequest().session("s-" + (i % 2)).fingerprint("size:abc").at(T0.plusSeconds(i)));
      request(T0.plusSeconds(i), "size:" + i);
    }

    assertThat(harness.findings()).isEmpty();
  }
}
