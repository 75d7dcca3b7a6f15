package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBloatDetectorTest extends DetectorTestBase {

  /** The model the fixtures' requests use: the session's conversation. */
  private static final String MODEL = TokenUsages.aRequest().build().getModel();

  /**
   * A request with {@code input} tokens of context (mostly cache reads) and {@code output} tokens
   * out.
   */
  private void request(Instant at, long input, long output) {
    harness.pipe(
        TokenUsages.aRequest().session(SESSION).tokens(2_000, input - 2_000, 0, output).at(at));
  }

  private void bloated(int count, Instant from) {
    for (int i = 0; i < count; i++) {
      request(from.plusSeconds(i * 30L), 160_000, 1_000);
    }
  }

  /**
   * The CONTEXT_BLOAT findings once stream time has passed the latest request, at {@code last},
   * plus the grace (runs of identical requests are loops too).
   */
  private List<WasteFinding> findingsAfter(Instant last) {
    return harness.findingsAfterGrace(last).stream()
        .filter(f -> f.getPattern() == WastePattern.CONTEXT_BLOAT)
        .toList();
  }

  @Test
  void shouldFlagTenConsecutiveBloatedRequests() {
    bloated(10, T0);

    List<WasteFinding> findings = findingsAfter(T0.plusSeconds(270));
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.CONTEXT_BLOAT);
    assertThat(f.getFindingId()).isEqualTo("CONTEXT_BLOAT:s-1@" + T0.toEpochMilli());
    assertThat(f.getVersion()).isEqualTo(1);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(270));
    assertThat(f.getEvidence())
        .containsEntry("requests", 10.0)
        .containsEntry("inputTokens", 1_600_000.0);
    assertThat(f.getTokens()).isEqualTo(10 * 10_000L);
    assertThat(f.getEstimatedWastedCostUsd())
        .isPositive()
        .isLessThan(f.getEvidence().get("totalCostUsd"));
  }

  @Test
  void shouldStaySilentAtNineConsecutiveRequests() {
    bloated(9, T0);

    assertThat(findingsAfter(T0.plusSeconds(240))).isEmpty();
  }

  @Test
  void shouldStaySilentJustAtTheInputThreshold() {
    for (int i = 0; i < 10; i++) {
      request(T0.plusSeconds(i * 30L), 150_000, 1_000);
    }

    assertThat(findingsAfter(T0.plusSeconds(270))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenOutputIsAtOnePercentOfInput() {
    for (int i = 0; i < 10; i++) {
      request(T0.plusSeconds(i * 30L), 160_000, 1_600);
    }

    assertThat(findingsAfter(T0.plusSeconds(270))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenALeanRequestBreaksTheRun() {
    bloated(5, T0);
    request(T0.plusSeconds(5 * 30L), 20_000, 2_000);
    bloated(5, T0.plusSeconds(6 * 30L));

    assertThat(findingsAfter(T0.plusSeconds(300))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenTheLeanRequestArrivesAfterTheRunWithinTheGrace() {
    for (int i = 0; i < 11; i++) {
      if (i != 5) {
        request(T0.plusSeconds(i * 5L), 160_000, 1_000);
      }
    }
    request(T0.plusSeconds(25), 20_000, 2_000); // read last, 25 s late: within the grace

    assertThat(findingsAfter(T0.plusSeconds(50))).isEmpty();
  }

  @Test
  void shouldNotLetSideCallsToAnotherModelBreakTheRun() {
    for (int i = 0; i < 12; i++) {
      Instant at = T0.plusSeconds(i * 30L);
      request(at, 160_000, 1_000);
      // a small model titling the session: lean, but not the conversation's work
      harness.pipe(
          TokenUsages.aRequest()
              .session(SESSION)
              .model("claude-haiku-4-5")
              .tokens(600, 0, 0, 40)
              .at(at.plusSeconds(5)));
    }

    List<WasteFinding> findings = latest(findingsAfter(T0.plusSeconds(335)));
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getEvidence()).containsEntry("requests", 12.0);
  }

  @Test
  void shouldStillBreakTheRunOnALeanRequestOfTheSameModel() {
    bloated(5, T0);
    harness.pipe(
        TokenUsages.aRequest()
            .session(SESSION)
            .model(MODEL)
            .tokens(2_000, 0, 0, 900)
            .at(T0.plusSeconds(5 * 30L)));
    bloated(5, T0.plusSeconds(6 * 30L));

    assertThat(findingsAfter(T0.plusSeconds(300))).isEmpty();
  }

  @Test
  void shouldGrowOneFindingWithTheRunUpToItsEnd() {
    bloated(14, T0);

    List<WasteFinding> findings = findingsAfter(T0.plusSeconds(13 * 30L));
    assertThat(findings)
        .extracting(WasteFinding::getFindingId)
        .containsOnly("CONTEXT_BLOAT:s-1@" + T0.toEpochMilli());
    assertThat(findings).extracting(WasteFinding::getVersion).isSorted().doesNotHaveDuplicates();
    WasteFinding last = latest(findings).get(0);
    assertThat(last.getEvidence()).containsEntry("requests", 14.0);
    assertThat(last.getTokens()).isEqualTo(14 * 10_000L);
    assertThat(last.getWindowEnd()).isEqualTo(T0.plusSeconds(13 * 30L));
  }

  @Test
  void shouldFlagARunOnceHoweverLongItGrows() {
    bloated(30, T0);

    assertThat(latest(findingsAfter(T0.plusSeconds(29 * 30L)))).hasSize(1);
  }

  @Test
  void shouldFlagOnceWhenRequestsArriveOutOfOrderWithinGrace() {
    int[] order = {4, 0, 9, 1, 3, 2, 8, 5, 7, 6};
    for (int i : order) {
      request(T0.plusSeconds(i * 30L), 160_000, 1_000);
    }

    List<WasteFinding> findings = findingsAfter(T0.plusSeconds(270));
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }
}
