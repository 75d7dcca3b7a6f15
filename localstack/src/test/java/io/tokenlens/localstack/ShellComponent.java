package io.tokenlens.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * A component of the tests: a shell script as its process, either never ready (a process that fails
 * at start) or ready while the process its pid file names runs.
 */
final class ShellComponent implements Component {
  private final Path dir;
  private final String name;
  private final String script;
  private final boolean readyWhileRunning;

  ShellComponent(Path dir, String name, String script, boolean readyWhileRunning) {
    this.dir = dir;
    this.name = name;
    this.script = script;
    this.readyWhileRunning = readyWhileRunning;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return "127.0.0.1:1";
  }

  @Override
  public Path directory() {
    return dir.resolve(name);
  }

  @Override
  public void prepare() {}

  @Override
  public List<String> command() {
    return List.of("sh", "-c", script);
  }

  @Override
  public boolean isReady() {
    return readyWhileRunning
        && new PidFile(directory().resolve(name + ".pid")).liveProcess().isPresent();
  }
}
