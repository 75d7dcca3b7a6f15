package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child processes ({@link HealthOnlyService}) started, reused, restarted and stopped by the
 * supervisor.
 */
class ServiceSupervisorTest {
  @TempDir Path dir;
  private Path moduleDir;
  private StackSettings settings;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ServiceSupervisor supervisor;

  @BeforeEach
  void fakeModule() throws Exception {
    moduleDir = dir.resolve("module");
    Files.createDirectories(moduleDir.resolve("target/lib"));
    Path testClasses =
        Path.of(
            HealthOnlyService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.createSymbolicLink(moduleDir.resolve("target/classes"), testClasses);
    settings =
        StackSettings.fromEnvironment(
            dir, Map.of("TOKENLENS_HOME", dir.resolve("data").toString()));
  }

  @AfterEach
  void stopAll() throws IOException {
    if (supervisor != null) {
      supervisor.down(print());
    }
  }

  private PrintStream print() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private PipelineService service(int port, Map<String, String> env) {
    return new PipelineService(
        "fake",
        moduleDir,
        HealthOnlyService.class.getName(),
        "64m",
        settings.componentDir("fake"),
        "http://127.0.0.1:" + port + "/health",
        Map.of("TEST_HEALTH_PORT", port),
        env);
  }

  @Test
  void shouldStartAServiceReuseItWhileHealthyAndStopItOnDown() throws Exception {
    int port = freePort();
    supervisor =
        new ServiceSupervisor(
            settings, List.of(service(port, Map.of("TEST_HEALTH_PORT", "" + port))));

    assertThat(supervisor.up(print())).containsExactly("fake");
    long pid = supervisor.status().get(0).pid().orElseThrow();
    assertThat(supervisor.up(print())).as("a second up reuses it").isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("already running");
    assertThat(supervisor.status().get(0).pid()).contains(pid);

    supervisor.down(print());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(supervisor.status().get(0).state()).isEqualTo("stopped");
  }

  @Test
  void shouldKeepARunningServiceThatAnswersButIsNotReady() throws Exception {
    int port = freePort();
    Path busy = dir.resolve("busy");
    supervisor =
        new ServiceSupervisor(
            settings,
            List.of(
                service(
                    port,
                    Map.of("TEST_HEALTH_PORT", "" + port, "TEST_BUSY_FILE", busy.toString()))));
    supervisor.up(print());
    long pid = supervisor.status().get(0).pid().orElseThrow();

    Files.writeString(busy, "restoring");
    Thread restored =
        new Thread(
            () -> {
              try {
                Thread.sleep(
                    2_000); // the restore the service is busy with, not a wait for a condition
                Files.delete(busy);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    restored.start();
    assertThat(supervisor.up(print()))
        .as("503 is an answer: rebalancing or restoring, not hung")
        .isEmpty();
    restored.join();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("restarting");
    assertThat(supervisor.status().get(0).pid()).contains(pid);
  }

  @Test
  void shouldRestartAServiceWhoseModuleWasRebuiltAfterItStarted() throws Exception {
    int port = freePort();
    supervisor =
        new ServiceSupervisor(
            settings, List.of(service(port, Map.of("TEST_HEALTH_PORT", "" + port))));
    supervisor.up(print());
    long first = supervisor.status().get(0).pid().orElseThrow();

    Path jar = Files.writeString(moduleDir.resolve("target/fake-1.0.jar"), "rebuilt");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(supervisor.up(print())).containsExactly("fake");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("restarting: its module was rebuilt after it started");
    assertThat(supervisor.status().get(0).pid()).isPresent().get().isNotEqualTo(first);
  }

  @Test
  void shouldRestartAServiceWhoseSettingsChangedSinceItStarted() throws Exception {
    int port = freePort();
    supervisor =
        new ServiceSupervisor(
            settings, List.of(service(port, Map.of("TEST_HEALTH_PORT", "" + port))));
    supervisor.up(print());
    long first = supervisor.status().get(0).pid().orElseThrow();

    supervisor =
        new ServiceSupervisor(
            settings,
            List.of(
                service(port, Map.of("TEST_HEALTH_PORT", "" + port, "TEST_SETTING", "changed"))));

    assertThat(supervisor.up(print())).containsExactly("fake");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("restarting: its settings changed since it started");
    assertThat(supervisor.status().get(0).pid()).isPresent().get().isNotEqualTo(first);
  }

  @Test
  void shouldNameThePortAndItsVariableWhenAnotherProcessHoldsIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      supervisor =
          new ServiceSupervisor(
              settings, List.of(service(port, Map.of("TEST_HEALTH_PORT", "" + port))));

      assertThatThrownBy(() -> supervisor.up(print()))
          .isInstanceOf(StackException.class)
          .hasMessageContaining(
              "fake: port " + port + " (TEST_HEALTH_PORT) is already taken by another process");
    }
    assertThat(supervisor.status().get(0).pid()).isEmpty();
  }

  @Test
  void shouldReportAServiceThatExitsDuringStartUpWithTheTailOfItsLog() throws Exception {
    int port = freePort();
    supervisor =
        new ServiceSupervisor(
            settings,
            List.of(service(port, Map.of("TEST_FAIL_WITH", "fatal: no broker at 127.0.0.1:1"))));

    assertThatThrownBy(() -> supervisor.up(print()))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("fake exited during start-up")
        .hasMessageContaining("fatal: no broker at 127.0.0.1:1")
        .hasMessageContaining(settings.componentDir("fake").resolve("fake.log").toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
