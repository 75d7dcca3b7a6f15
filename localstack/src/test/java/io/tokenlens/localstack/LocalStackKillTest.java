package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component killed with SIGKILL is gone at once, children included, and the next {@code up}
 * starts it again as a new process.
 */
class LocalStackKillTest {
  @TempDir Path dir;
  private LocalStack stack;
  private final PrintStream out =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  /** A shell with a child, ready while it runs. */
  private Component sleeper() {
    return new ShellComponent(dir, "sleeper", "sleep 600 & wait", true);
  }

  @AfterEach
  void stop() throws Exception {
    if (stack != null) {
      stack.down(false, out);
    }
  }

  @Test
  void shouldKillTheProcessAndItsChildrenSoTheNextUpStartsItAgain() throws Exception {
    StackSettings settings =
        StackSettings.fromEnvironment(dir, Map.of("TOKENLENS_HOME", dir.toString()));
    stack = new LocalStack(settings, List.of(sleeper()));
    stack.up(out);
    long first = stack.status().get(0).pid().orElseThrow();
    List<ProcessHandle> children = childrenOf(first);

    Optional<Long> killed = stack.kill("sleeper");

    assertThat(killed).contains(first);
    assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    assertThat(stack.status().get(0).state()).isEqualTo("stopped");
    assertThat(stack.up(out)).containsExactly("sleeper");
    assertThat(stack.status().get(0).pid()).isPresent().get().isNotEqualTo(first);
  }

  /** The children of {@code pid}, once the shell has started them (it is ready before it forks). */
  private static List<ProcessHandle> childrenOf(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<ProcessHandle> children = List.of();
    while (children.isEmpty() && System.nanoTime() < deadline) {
      children = ProcessHandle.of(pid).orElseThrow().children().toList();
      if (children.isEmpty()) {
        Thread.sleep(20);
      }
    }
    return children;
  }

  @Test
  void shouldKillNothingWhenTheComponentIsNotRunning() throws Exception {
    StackSettings settings =
        StackSettings.fromEnvironment(dir, Map.of("TOKENLENS_HOME", dir.toString()));
    stack = new LocalStack(settings, List.of(sleeper()));

    assertThat(stack.kill("sleeper")).isEmpty();
  }
}
