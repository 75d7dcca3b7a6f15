package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryStormDetectorTest extends DetectorTestBase {

  /** The latest event piped. */
  private Instant last = T0;

  private void retry(Instant at, int attempt) {
    harness.pipe(TokenUsages.aFailedRequest(attempt).session(SESSION).at(at));
    last = at.isAfter(last) ? at : last;
  }

  /** The findings once stream time has passed the latest event plus the grace. */
  private List<WasteFinding> findings() {
    return harness.findingsAfterGrace(last);
  }

  private void retries(int count, Instant from, long everySeconds) {
    for (int i = 0; i < count; i++) {
      retry(from.plusSeconds(i * everySeconds), 2 + i % 5);
    }
  }

  @Test
  void shouldFlagTenRetriedErrorsWithinFiveMinutes() {
    retries(10, T0, 20);

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.RETRY_STORM);
    assertThat(f.getFindingId()).isEqualTo("RETRY_STORM:s-1@" + T0.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getWindowStart()).isEqualTo(T0);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(180));
    assertThat(f.getEvidence()).containsEntry("retries", 10.0);
  }

  @Test
  void shouldStaySilentAtNineRetries() {
    retries(9, T0, 20);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldNotCountFirstAttemptsOrSuccesses() {
    retries(9, T0, 20);
    retry(T0.plusSeconds(200), 1);
    harness.pipe(TokenUsages.aRequest().session(SESSION).attempt(3).at(T0.plusSeconds(201)));
    last = T0.plusSeconds(201);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenTenRetriesSpanMoreThanFiveMinutes() {
    retries(10, T0, 34); // 306 s from first to last

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagAStormOnceHoweverLongItLasts() {
    retries(100, T0, 10);

    assertThat(latest(findings())).hasSize(1);
  }

  @Test
  void shouldGrowTheFindingWithTheStormUpToItsEnd() {
    retries(15, T0, 10);

    List<WasteFinding> findings = findings();
    assertThat(findings)
        .extracting(WasteFinding::getVersion)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    WasteFinding whole = latest(findings).get(0);
    assertThat(whole.getFindingId()).isEqualTo(findings.get(0).getFindingId());
    assertThat(whole.getEvidence()).containsEntry("retries", 15.0);
    assertThat(whole.getWindowEnd()).isEqualTo(T0.plusSeconds(140));
  }

  @Test
  void shouldFindTheWholeStormWhateverOrderItsRetriesArriveInWithinTheGrace() {
    for (int i = 11; i >= 0; i--) { // newest first, the oldest 55 s late
      retry(T0.plusSeconds(5L * i), 2);
    }

    assertThat(latest(findings()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getWindowStart()).isEqualTo(T0);
              assertThat(f.getEvidence()).containsEntry("retries", 12.0);
            });
  }

  @Test
  void shouldFlagOnceWhenRetriesArriveOutOfOrderWithinGrace() {
    int[] order = {9, 2, 0, 5, 1, 8, 3, 7, 4, 6};
    for (int i : order) {
      retry(T0.plusSeconds(i * 20L), 2);
    }

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }
}
