package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A component whose process dies during start-up is reported with the tail of its log. */
class LocalStackFailureTest {

  /** A real process that fails the way a broker does when its port is taken. */
  private static Component failing(Path dir) {
    return new ShellComponent(
        dir, "failing", "echo starting; echo 'fatal: address already in use' >&2; exit 3", false);
  }

  @Test
  void shouldReportTheComponentAndTheTailOfItsLog(@TempDir Path dir) {
    StackSettings settings =
        StackSettings.fromEnvironment(dir, Map.of("TOKENLENS_HOME", dir.toString()));
    LocalStack stack = new LocalStack(settings, List.of(failing(dir)));
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> stack.up(out))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("failing exited during start-up")
        .hasMessageContaining("fatal: address already in use")
        .hasMessageContaining(dir.resolve("failing/failing.log").toString());
    assertThat(stack.status())
        .singleElement()
        .satisfies(s -> assertThat(s.state()).isEqualTo("stopped"));
  }
}
