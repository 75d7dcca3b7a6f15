package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @Test
  void shouldFindTheLiveProcessItNames(@TempDir Path dir) throws Exception {
    PidFile file = new PidFile(dir.resolve("x.pid"));
    file.write(ProcessHandle.current());
    assertThat(file.liveProcess()).contains(ProcessHandle.current());
  }

  @Test
  void shouldNotMistakeARecycledPidForOurProcess(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("x.pid");
    Files.writeString(path, ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z\n");
    assertThat(new PidFile(path).liveProcess()).isEmpty();
  }

  @Test
  void shouldTreatAMissingOrGarbledFileAsNotRunning(@TempDir Path dir) throws Exception {
    assertThat(new PidFile(dir.resolve("none.pid")).liveProcess()).isEmpty();
    Path garbled = dir.resolve("g.pid");
    Files.writeString(garbled, "not a pid");
    assertThat(new PidFile(garbled).liveProcess()).isEmpty();
  }
}
