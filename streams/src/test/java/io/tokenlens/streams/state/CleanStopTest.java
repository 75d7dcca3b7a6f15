package io.tokenlens.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanStopTest {

  @TempDir Path stateDir;

  @Test
  void shouldSeeNothingToDiscardOnAFirstStart() {
    assertThat(new CleanStop(stateDir, "app").lastRunStoppedUncleanly()).isFalse();
  }

  @Test
  void shouldTreatTaskStateWithoutACleanStopAsUnclean() throws Exception {
    CleanStop cleanStop = new CleanStop(stateDir, "app");
    cleanStop.running();
    Files.createDirectories(stateDir.resolve("app").resolve("0_3").resolve("rocksdb"));

    assertThat(cleanStop.lastRunStoppedUncleanly()).as("killed after writing task state").isTrue();
  }

  @Test
  void shouldKeepStateThatACleanStopWrote() throws Exception {
    CleanStop cleanStop = new CleanStop(stateDir, "app");
    cleanStop.running();
    Files.createDirectories(stateDir.resolve("app").resolve("0_3"));
    cleanStop.stoppedCleanly();

    assertThat(new CleanStop(stateDir, "app").lastRunStoppedUncleanly()).isFalse();
  }

  @Test
  void shouldForgetTheCleanStopOnceARunStarts() throws Exception {
    CleanStop cleanStop = new CleanStop(stateDir, "app");
    Files.createDirectories(stateDir.resolve("app").resolve("1_0"));
    cleanStop.stoppedCleanly();

    cleanStop.running();

    assertThat(cleanStop.lastRunStoppedUncleanly()).as("this run may still crash").isTrue();
  }

  @Test
  void shouldKeepApplicationsApart() throws Exception {
    Files.createDirectories(stateDir.resolve("other").resolve("0_0"));

    assertThat(new CleanStop(stateDir, "app").lastRunStoppedUncleanly()).isFalse();
  }
}
