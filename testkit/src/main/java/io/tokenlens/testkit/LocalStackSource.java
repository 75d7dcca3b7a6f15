package io.tokenlens.testkit;

import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.StackException;
import io.tokenlens.localstack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack ({@code ./tokenlens up}), started by the kit when nothing else is available.
 * Components already running are reused and left running; those the kit started are stopped when
 * the test JVM is done with them.
 */
final class LocalStackSource implements StackSource {
  private static final Logger log = LoggerFactory.getLogger(LocalStackSource.class);

  private final LocalStack stack;
  private final List<String> startedHere;

  private LocalStackSource(LocalStack stack, List<String> startedHere) {
    this.stack = stack;
    this.startedHere = startedHere;
  }

  static StackSource start(Map<String, String> env) {
    StackSettings settings = StackSettings.fromEnvironment(RepoLayout.locate(), env);
    LocalStack stack = new LocalStack(settings);
    try {
      List<String> started = stack.up(logStream());
      log.info("local stack ready in {} (started here: {})", settings.dataDir(), started);
      return new LocalStackSource(stack, started);
    } catch (StackException e) {
      throw new IllegalStateException(
          "the test kit could not start the local stack: " + e.getMessage(), e);
    }
  }

  private static PrintStream logStream() {
    return System.out;
  }

  @Override
  public StackEndpoints endpoints() {
    StackSettings s = stack.settings();
    return new StackEndpoints(
        s.kafkaBootstrapServers(),
        Optional.of(s.schemaRegistryUrl()),
        s.clickhouseJdbcUrl(),
        "local stack in " + s.dataDir());
  }

  @Override
  public void close() {
    if (startedHere.isEmpty()) {
      return;
    }
    try {
      stack.stop(startedHere, System.out);
    } catch (IOException e) {
      log.warn("could not stop the local stack components {}: {}", startedHere, e.toString());
    }
  }
}
