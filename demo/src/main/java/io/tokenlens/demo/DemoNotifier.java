package io.tokenlens.demo;

import io.tokenlens.localstack.StackSettings;
import io.tokenlens.streams.config.NotifierConfig;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.notify.AlertNotifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The alert notifier of the demo, in the demo's own process: it delivers the burn and budget alerts
 * and the waste findings (with the notifier's defaults: Slack-compatible bodies, findings from $1,
 * at most 10 notifications per subject and hour) to a {@link WebhookReceiver} on 127.0.0.1 that
 * records them in {@code <data dir>/demo/notifications.jsonl}. Its group ({@value #GROUP_ID})
 * starts at the earliest offsets and resumes on a rerun, so each record is notified once over all
 * runs on the same stack.
 */
final class DemoNotifier implements AutoCloseable {
  static final String GROUP_ID = "tokenlens-demo-notifier";

  /** What the notifier did during the run. */
  record Result(
      long delivered, long suppressed, int received, int repeats, Path file, boolean caughtUp) {}

  private final WebhookReceiver receiver;
  private final AlertNotifier notifier;
  private final Thread loop;
  private final Path file;
  private boolean closed;

  DemoNotifier(StackSettings stack) throws IOException {
    this.file = stack.dataDir().resolve("demo/notifications.jsonl");
    this.receiver = new WebhookReceiver(file);
    this.notifier =
        new AlertNotifier(
            NotifierConfig.fromMap(
                Map.of(
                    StreamsAppConfig.BOOTSTRAP_SERVERS,
                    stack.kafkaBootstrapServers(),
                    StreamsAppConfig.SCHEMA_REGISTRY_URL,
                    stack.schemaRegistryUrl(),
                    NotifierConfig.GROUP_ID,
                    GROUP_ID,
                    NotifierConfig.WEBHOOK_URL,
                    receiver.url().toString(),
                    "kafka.auto.offset.reset",
                    "earliest")));
    this.loop = new Thread(notifier::run, "demo-notifier");
    loop.setDaemon(true);
    loop.start();
  }

  Path file() {
    return file;
  }

  /**
   * Waits until the notifier's group has no lag, twice in a row a second apart, for at most {@code
   * maxWait}; then stops the notifier and the receiver.
   */
  Result finish(Callable<Long> lag, Duration maxWait) throws Exception {
    Instant deadline = Instant.now().plus(maxWait);
    int quiet = 0;
    while (quiet < 2 && Instant.now().isBefore(deadline)) {
      quiet = lag.call() == 0 ? quiet + 1 : 0;
      Thread.sleep(1000);
    }
    close();
    return new Result(
        notifier.delivered(),
        notifier.suppressed(),
        receiver.received(),
        receiver.repeats(),
        file,
        quiet >= 2);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    notifier.close();
    try {
      loop.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    receiver.close();
  }
}
