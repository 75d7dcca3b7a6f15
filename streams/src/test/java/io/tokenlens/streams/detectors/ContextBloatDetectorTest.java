package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBloatDetectorTest extends DetectorTestBase {

  /** A request with {@code input} tokens of context (mostly cache reads) and {@code output} tokens out. */
  private void request(Instant at, long input, long output) {
    harness.pipe(TokenUsages.aRequest().session(SESSION).tokens(2_000, input - 2_000, 0, output).at(at));
  }

  private void bloated(int count, Instant from) {
    for (int i = 0; i < count; i++) {
      request(from.plusSeconds(i * 30L), 160_000, 1_000);
    }
  }

  @Test
  void shouldFlagTenConsecutiveBloatedRequests() {
    bloated(10, T0);

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.CONTEXT_BLOAT);
    assertThat(f.getFindingId()).isEqualTo("CONTEXT_BLOAT:s-1@" + T0.toEpochMilli());
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(270));
    assertThat(f.getEvidence()).containsEntry("requests", 10.0).containsEntry("inputTokens", 1_600_000.0);
    assertThat(f.getTokens()).isEqualTo(10 * 10_000L);
    assertThat(f.getEstimatedWastedCostUsd()).isPositive().isLessThan(f.getEvidence().get("totalCostUsd"));
  }

  @Test
  void shouldStaySilentAtNineConsecutiveRequests() {
    bloated(9, T0);

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentJustAtTheInputThreshold() {
    for (int i = 0; i < 10; i++) {
      request(T0.plusSeconds(i * 30L), 150_000, 1_000);
    }

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenOutputIsAtOnePercentOfInput() {
    for (int i = 0; i < 10; i++) {
      request(T0.plusSeconds(i * 30L), 160_000, 1_600);
    }

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenALeanRequestBreaksTheRun() {
    bloated(5, T0);
    request(T0.plusSeconds(5 * 30L), 20_000, 2_000);
    bloated(5, T0.plusSeconds(6 * 30L));

    assertThat(harness.findings()).isEmpty();
  }

  @Test
  void shouldFlagARunOnceHoweverLongItGrows() {
    bloated(30, T0);

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldFlagOnceWhenRequestsArriveOutOfOrderWithinGrace() {
    int[] order = {4, 0, 9, 1, 3, 2, 8, 5, 7, 6};
    for (int i : order) {
      request(T0.plusSeconds(i * 30L), 160_000, 1_000);
    }

    List<WasteFinding> findings = harness.findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }
}
