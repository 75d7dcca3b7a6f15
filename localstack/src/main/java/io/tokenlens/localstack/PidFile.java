package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The pid of a process {@code up} started, with its start time so a recycled pid belonging to some
 * other process is never mistaken for ours (and never killed by {@code down}).
 */
public final class PidFile {
  private final Path path;

  public PidFile(Path path) {
    this.path = path;
  }

  public void write(ProcessHandle process) throws IOException {
    String started = process.info().startInstant().map(Instant::toString).orElse("");
    Files.writeString(path, process.pid() + " " + started + "\n", StandardCharsets.UTF_8);
  }

  /** The live process this file names, if it still runs and is the same process. */
  public Optional<ProcessHandle> liveProcess() {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(path, StandardCharsets.UTF_8).trim().split(" ", 2);
      long pid = Long.parseLong(parts[0]);
      String started = parts.length > 1 ? parts[1] : "";
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  started.isEmpty()
                      || p.info().startInstant().map(Instant::toString).orElse("").equals(started));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public void delete() throws IOException {
    Files.deleteIfExists(path);
  }
}
