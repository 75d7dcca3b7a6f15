package io.tokenlens.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the pipeline services in the background on the local stack, the way {@link LocalStack} runs
 * its components: a service already running (its pid file names a live process) and healthy is
 * reused; one that does not answer its health check, runs code older than its module's last build,
 * or was started with other settings (ports, secrets, environment), is stopped and started again; a
 * port taken by another process, or a service that exits or never turns healthy, is reported with
 * the tail of its log.
 */
public final class ServiceSupervisor {
  private final List<PipelineService> services;
  private final LocalStack processes;

  public ServiceSupervisor(StackSettings settings, List<PipelineService> services) {
    this.services = List.copyOf(services);
    this.processes = new LocalStack(settings, List.copyOf(services));
  }

  /**
   * The services of a data directory, for {@code status} and {@code down} (secrets are not needed
   * to stop them).
   */
  public static ServiceSupervisor forStatus(StackSettings settings, ServiceSettings ports) {
    return new ServiceSupervisor(
        settings, PipelineServices.of(settings, ports, new ServiceSecrets("", "", "")));
  }

  /**
   * Starts every service that does not run healthy already, in order, each healthy before the next
   * starts.
   *
   * @return the services this call started or restarted
   */
  public List<String> up(PrintStream out) throws StackException, IOException {
    List<String> stale = new ArrayList<>();
    for (PipelineService service : services) {
      Optional<String> reason = restartReason(service);
      if (reason.isPresent()) {
        out.printf("%-16s restarting: %s%n", service.name(), reason.get());
        stale.add(service.name());
      }
    }
    processes.stop(stale, out);
    List<String> started = processes.up(out);
    for (PipelineService service : services) {
      if (started.contains(service.name())) {
        Files.writeString(settingsFile(service), service.fingerprint(), StandardCharsets.UTF_8);
      }
    }
    return started;
  }

  /**
   * What the running process was started with, to recognise a change of ports, secrets or settings.
   */
  private Path settingsFile(PipelineService service) {
    return service.directory().resolve(service.name() + ".settings");
  }

  private boolean settingsChanged(PipelineService service) {
    try {
      return !Files.readString(settingsFile(service), StandardCharsets.UTF_8)
          .equals(service.fingerprint());
    } catch (IOException e) {
      return true;
    }
  }

  private Optional<String> restartReason(PipelineService service) {
    Optional<ProcessHandle> running = processes.pidFile(service).liveProcess();
    if (running.isEmpty()) {
      return Optional.empty();
    }
    Optional<FileTime> built = service.builtAt();
    Optional<Instant> started = running.get().info().startInstant();
    if (built.isPresent()
        && started.isPresent()
        && built.get().toInstant().isAfter(started.get())) {
      return Optional.of("its module was rebuilt after it started");
    }
    if (settingsChanged(service)) {
      return Optional.of("its settings changed since it started");
    }
    if (!service.answers()) {
      return Optional.of("running but not answering " + service.address());
    }
    return Optional.empty();
  }

  /** Stops the services, in reverse order. */
  public void down(PrintStream out) throws IOException {
    processes.stop(services.stream().map(PipelineService::name).toList(), out);
  }

  /** Kills one service with SIGKILL ({@link LocalStack#kill}); {@link #up} starts it again. */
  public Optional<Long> kill(String name) throws StackException {
    return processes.kill(name);
  }

  public List<LocalStack.ComponentStatus> status() {
    return processes.status();
  }
}
