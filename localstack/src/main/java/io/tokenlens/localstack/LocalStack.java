package io.tokenlens.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts, reports and stops the components of the local stack. Each component runs as its own
 * process, detached from the launcher, with its pid, log and data under {@code <data
 * dir>/<component>/}. {@code down} only ever stops processes whose pid file {@code up} wrote.
 */
public final class LocalStack {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final StackSettings settings;
  private final List<Component> components;

  public LocalStack(StackSettings settings) {
    this(settings, components(settings));
  }

  LocalStack(StackSettings settings, List<Component> components) {
    this.settings = settings;
    this.components = List.copyOf(components);
  }

  /** The stack, in start order. A new component is one more entry here. */
  public static List<Component> components(StackSettings settings) {
    List<Component> components = new ArrayList<>(KafkaBroker.cluster(settings));
    components.add(new SchemaRegistry(settings));
    components.add(new ClickHouseEndpoint(settings));
    return List.copyOf(components);
  }

  public StackSettings settings() {
    return settings;
  }

  /** What {@code status} shows of one component. */
  public record ComponentStatus(String name, String address, Optional<Long> pid, boolean ready) {
    public String state() {
      if (pid.isEmpty()) {
        return ready ? "answering (not started by this stack)" : "stopped";
      }
      return ready ? "running" : "not answering";
    }
  }

  /**
   * Starts every component that is not already running and waits until each answers.
   *
   * @return the names of the components this call started (already-running ones excluded)
   * @throws StackException naming the component that failed, with the tail of its log
   */
  public List<String> up(PrintStream out) throws StackException {
    List<String> started = new ArrayList<>();
    for (Component component : components) {
      long begin = System.nanoTime();
      PidFile pidFile = pidFile(component);
      Optional<ProcessHandle> running = pidFile.liveProcess();
      if (running.isPresent()) {
        awaitReady(component, running.get());
        out.printf(
            "%-16s already running  pid %-8d %s%n",
            component.name(), running.get().pid(), component.address());
        continue;
      }
      if (component.isReady()) {
        throw new StackException(
            component.name()
                + ": "
                + component.address()
                + " is already answered by a process this stack did not start; stop it or choose"
                + " other ports (see docs/configuration.md)");
      }
      requireFreePorts(component);
      ProcessHandle process = start(component, pidFile);
      started.add(component.name());
      awaitReady(component, process);
      out.printf(
          "%-16s started in %4.1fs pid %-8d %s%n",
          component.name(), (System.nanoTime() - begin) / 1e9, process.pid(), component.address());
    }
    return started;
  }

  private void requireFreePorts(Component component) throws StackException {
    for (var port : component.ports().entrySet()) {
      if (Probes.acceptsTcp(settings.host(), port.getValue())) {
        throw new StackException(
            component.name()
                + ": port "
                + port.getValue()
                + " ("
                + port.getKey()
                + ") is already taken by another process; stop it or set "
                + port.getKey()
                + " to a free port");
      }
    }
  }

  /**
   * The component's command, in a session of its own where {@code setsid} exists: an interrupt
   * (Ctrl-C) or a hang-up of the terminal that started it reaches the launcher, not the stack it
   * leaves running.
   */
  private ProcessBuilder processBuilder(Component component) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.addAll(component.command());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(component.environment());
    return builder;
  }

  private ProcessHandle start(Component component, PidFile pidFile) throws StackException {
    try {
      Files.createDirectories(component.directory());
      component.prepare();
      Process process =
          processBuilder(component)
              .directory(component.directory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(component.logFile().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      pidFile.write(process.toHandle());
      return process.toHandle();
    } catch (IOException | RuntimeException e) {
      throw failure(component, "could not start: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(component, "interrupted while preparing");
    }
  }

  private void awaitReady(Component component, ProcessHandle process) throws StackException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!component.isReady()) {
      if (!process.isAlive()) {
        throw failure(component, "exited during start-up");
      }
      if (System.nanoTime() > deadline) {
        throw failure(component, "did not answer within " + START_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(200); // polling a child process, not a test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(component, "interrupted while waiting for it to answer");
      }
    }
  }

  private StackException failure(Component component, String what) {
    return new StackException(
        component.name()
            + " "
            + what
            + " (log: "
            + component.logFile()
            + ")\n--- last lines of the log ---\n"
            + tail(component.logFile(), 30));
  }

  /** Stops, in reverse start order, the processes whose pid files {@code up} wrote. */
  public void down(boolean purge, PrintStream out) throws IOException {
    List<Component> reversed = new ArrayList<>(components);
    java.util.Collections.reverse(reversed);
    for (Component component : reversed) {
      stop(component, out);
    }
    if (purge && Files.exists(settings.dataDir())) {
      deleteRecursively(settings.dataDir());
      out.println("purged " + settings.dataDir());
    }
  }

  /** Stops the named components (those a test kit started itself). */
  public void stop(List<String> names, PrintStream out) throws IOException {
    List<Component> reversed = new ArrayList<>(components);
    java.util.Collections.reverse(reversed);
    for (Component component : reversed) {
      if (names.contains(component.name())) {
        stop(component, out);
      }
    }
  }

  private void stop(Component component, PrintStream out) throws IOException {
    PidFile pidFile = pidFile(component);
    Optional<ProcessHandle> running = pidFile.liveProcess();
    if (running.isEmpty()) {
      pidFile.delete();
      out.printf("%-16s not running%n", component.name());
      return;
    }
    ProcessHandle process = running.get();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    boolean exited =
        process.onExit().completeOnTimeout(null, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join()
                != null
            && !process.isAlive();
    if (!exited) {
      process.destroyForcibly();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    pidFile.delete();
    out.printf(
        "%-16s stopped          pid %-8d%s%n",
        component.name(),
        process.pid(),
        exited ? "" : " (killed after " + STOP_TIMEOUT.toSeconds() + " s)");
  }

  /**
   * Kills the named component's process and its children with SIGKILL, as a crash would, and waits
   * until they are gone. Its pid file stays: {@link #up} sees no live process behind it and starts
   * the component again the way it always does.
   *
   * @return the pid killed; empty when the component was not running
   */
  public Optional<Long> kill(String name) throws StackException {
    Component component =
        components.stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new StackException("no component named " + name));
    Optional<ProcessHandle> running = pidFile(component).liveProcess();
    if (running.isEmpty()) {
      return Optional.empty();
    }
    ProcessHandle process = running.get();
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(0, process);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      if (p.onExit().completeOnTimeout(null, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join()
          == null) {
        throw new StackException(name + ": pid " + p.pid() + " survived SIGKILL");
      }
    }
    return Optional.of(process.pid());
  }

  public List<ComponentStatus> status() {
    List<ComponentStatus> result = new ArrayList<>();
    for (Component component : components) {
      Optional<Long> pid = pidFile(component).liveProcess().map(ProcessHandle::pid);
      result.add(
          new ComponentStatus(component.name(), component.address(), pid, component.isReady()));
    }
    return result;
  }

  PidFile pidFile(Component component) {
    return new PidFile(component.directory().resolve(component.name() + ".pid"));
  }

  static String tail(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log written)";
    }
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
