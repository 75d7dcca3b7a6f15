package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheThrashDetectorTest extends DetectorTestBase {

  /** A request writing {@code cacheWrite} tokens to the cache at {@code minutes} after T0. */
  private void request(double minutes, long cacheWrite) {
    harness.pipe(
        TokenUsages.aRequest()
            .session(SESSION)
            .tokens(1_000, 0, cacheWrite, 500)
            .at(T0.plusMillis((long) (minutes * 60_000))));
  }

  /** The session's first request, then {@code rewrites} large writes every {@code gapMinutes}. */
  private void session(int rewrites, double gapMinutes, long cacheWrite) {
    request(0, 100_000);
    for (int i = 1; i <= rewrites; i++) {
      request(i * gapMinutes, cacheWrite);
    }
    last = T0.plusMillis((long) (rewrites * gapMinutes * 60_000));
  }

  private Instant last = T0;

  /** The findings once stream time has passed the session's last request plus the grace. */
  private List<WasteFinding> findings() {
    return harness.findingsAfterGrace(last);
  }

  @Test
  void shouldFlagThreeLargeCacheWritesAfterGapsLongerThanTheCacheLifetime() {
    session(3, 6, 100_000);

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.CACHE_THRASH);
    Instant firstRewrite = T0.plusSeconds(6 * 60);
    assertThat(f.getFindingId()).isEqualTo("CACHE_THRASH:s-1@" + firstRewrite.toEpochMilli());
    assertThat(f.getWindowStart()).isEqualTo(firstRewrite);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(18 * 60));
    assertThat(f.getTokens()).isEqualTo(300_000);
    // 3 × 100k tokens × (3.75 − 0.30) USD per million: written instead of read
    assertThat(f.getEstimatedWastedCostUsd()).isCloseTo(1.035, within(1e-9));
    assertThat(f.getEvidence()).containsEntry("rewrites", 3.0);
  }

  @Test
  void shouldStaySilentAtTwoRewritesAfterTheFirstFill() {
    session(2, 6, 100_000);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenGapsAreWithinTheCacheLifetime() {
    session(3, 5, 100_000);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldStaySilentWhenWritesAreJustBelowTheSizeThreshold() {
    session(3, 6, 19_999);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagThrashOnceAndGrowItWithEveryRewrite() {
    session(10, 6, 100_000);

    List<WasteFinding> findings = findings();
    assertThat(findings)
        .extracting(WasteFinding::getFindingId)
        .containsOnly("CACHE_THRASH:s-1@" + T0.plusSeconds(6 * 60).toEpochMilli());
    WasteFinding whole = latest(findings).get(0);
    assertThat(whole.getEvidence()).containsEntry("rewrites", 10.0);
    assertThat(whole.getTokens()).isEqualTo(1_000_000);
    assertThat(whole.getWindowEnd()).isEqualTo(T0.plusSeconds(60 * 60));
  }

  @Test
  void shouldNotCountARewriteWhoseGapWasFilledByARequestReadAfterIt() {
    request(0, 100_000);
    request(6, 100_000);
    request(12, 100_000);
    request(11.5, 0); // read after the write at 12 min, 30 s late: the cache was warm at 12 min
    request(18, 100_000);
    last = T0.plusSeconds(18 * 60);

    assertThat(findings()).isEmpty();
  }

  @Test
  void shouldFlagOnceWhenRewritesArriveOutOfOrderWithinGrace() {
    request(0, 100_000);
    request(6, 100_000);
    request(18, 100_000);
    request(12, 100_000);
    last = T0.plusSeconds(18 * 60);

    List<WasteFinding> findings = findings();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0.plusSeconds(6 * 60));
  }
}
