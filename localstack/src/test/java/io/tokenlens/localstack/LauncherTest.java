package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Launcher.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintUsageForAnUnknownCommand() {
    assertThat(run("launch")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command 'launch'", "usage: ./tokenlens");
  }

  @Test
  void shouldRefuseTwoCommandsAndAnUnknownOptionTogether() {
    assertThat(run("up", "down", "--force")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown option '--force'; known: --data-dir, --brokers, --purge, --help")
        .contains("one command at a time, not [up, down]");
  }

  @Test
  void shouldRequireADirectoryAfterDataDir() {
    assertThat(run("up", "--data-dir")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data-dir needs a value");
  }
}
