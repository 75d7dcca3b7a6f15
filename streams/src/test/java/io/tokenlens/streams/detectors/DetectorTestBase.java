package io.tokenlens.streams.detectors;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link DetectorHarness} per test. */
abstract class DetectorTestBase {

  @TempDir
  Path stateDir;
  protected DetectorHarness harness;

  @BeforeEach
  void startHarness() {
    harness = new DetectorHarness(stateDir);
  }

  @AfterEach
  void closeHarness() {
    harness.close();
  }
}
