package io.tokenlens.streams.detectors;

import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link DetectorHarness} per test. */
abstract class DetectorTestBase {

  @TempDir Path stateDir;
  protected DetectorHarness harness;
  private Instant wallClock = TopologyHarness.START;

  /**
   * Moves the driver's wall clock {@code d} forward, firing the wall-clock punctuations that are
   * due.
   */
  protected void wallClockPasses(Duration d) {
    wallClock = wallClock.plus(d);
    harness.topology.advanceWallClockTo(wallClock);
  }

  @BeforeEach
  void startHarness() {
    harness = new DetectorHarness(stateDir);
  }

  @AfterEach
  void closeHarness() {
    harness.close();
  }
}
