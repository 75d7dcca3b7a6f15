package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateRecordsTest {

  private static final long MINUTE = 60_000;
  private static final long GRACE = 30_000;

  @Test
  void shouldAcceptARecordWhoseWindowIsStillWithinGrace() {
    // window [0, 60 s) closes at stream time 90 s
    assertThat(LateRecords.isLate(59_999, 89_999, MINUTE, GRACE)).isFalse();
  }

  @Test
  void shouldFlagARecordWhoseWindowClosedAsTheWindowOperatorWould() {
    assertThat(LateRecords.isLate(0, 90_000, MINUTE, GRACE)).isTrue();
    assertThat(LateRecords.isLate(59_999, 90_000, MINUTE, GRACE)).isTrue();
  }

  @Test
  void shouldNeverFlagARecordAtOrAheadOfStreamTime() {
    assertThat(LateRecords.isLate(90_000, 90_000, MINUTE, GRACE)).isFalse();
    assertThat(LateRecords.isLate(30_000, 30_000, MINUTE, 0)).isFalse();
  }
}
