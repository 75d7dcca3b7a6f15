package io.tokenlens.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A sink in a JVM of its own, for tests that kill it with SIGKILL (no shutdown hook, no clean
 * close): its configuration in a properties file, its output in {@code target/it-logs/<name>.log}.
 */
final class SinkProcess {

  private SinkProcess() {}

  /**
   * Starts {@code main} (SinkMain, or a test main taking the same properties file first) with
   * {@code config}.
   */
  static Process start(Class<?> main, Map<String, String> config, String name, String... moreArgs)
      throws IOException {
    Path dir = Path.of("target", "it-logs");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".properties");
    Properties properties = new Properties();
    config.forEach(properties::setProperty);
    try (var out = Files.newOutputStream(file)) {
      properties.store(out, name);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                file.toString()));
    command.addAll(List.of(moreArgs));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TOKENLENS_"));
    builder.redirectErrorStream(true).redirectOutput(log(name).toFile());
    return builder.start();
  }

  /** The output of the process started as {@code name}. */
  static Path log(String name) {
    return Path.of("target", "it-logs", name + ".log");
  }

  /** Fails, naming the log, when {@code process} has exited. */
  static void requireAlive(Process process, String name) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the sink process "
              + name
              + " exited with "
              + process.exitValue()
              + ": see "
              + log(name));
    }
  }
}
