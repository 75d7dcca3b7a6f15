package io.tokenlens.demo;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One instance of a pipeline service (the streams job or the sink) as a process of its own, run
 * from its module's classes and runtime jars like {@code ./tokenlens streams|sink}, with its log in
 * {@code <directory>/<name>.log}; several instances of one service share its consumer group.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private final URI health;
  private final URI metrics;
  private Process process;

  ServiceProcess(
      String name,
      Path moduleDir,
      String mainClass,
      Map<String, String> environment,
      Path directory,
      int healthPort)
      throws IOException {
    this.name = name;
    this.command = command(moduleDir, mainClass);
    this.environment = Map.copyOf(environment);
    this.log = directory.resolve(name + ".log");
    this.health = URI.create("http://127.0.0.1:" + healthPort + "/health");
    this.metrics = URI.create("http://127.0.0.1:" + healthPort + "/metrics");
    Files.createDirectories(directory);
  }

  String name() {
    return name;
  }

  void start() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
  }

  /** SIGKILL: no shutdown hook, no commit, no state cleanup. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Whether {@code /health} answers 200: the sink consumes, the streams job runs, restoring none.
   */
  boolean isHealthy() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The value of an unlabelled series on {@code /metrics}, as written there, or {@code "?"} when
   * the process does not answer or has no such series.
   */
  String metric(String series) {
    try {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return body.lines()
          .filter(line -> line.startsWith(series + " "))
          .map(line -> line.substring(series.length() + 1))
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static List<String> command(Path moduleDir, String mainClass) throws IOException {
    List<String> classpath = new ArrayList<>();
    classpath.add(moduleDir.resolve("target/classes").toString());
    try (Stream<Path> jars = Files.list(moduleDir.resolve("target/lib"))) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .sorted()
          .forEach(p -> classpath.add(p.toString()));
    }
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(java, "-Xmx512m", "-cp", String.join(File.pathSeparator, classpath), mainClass);
  }
}
