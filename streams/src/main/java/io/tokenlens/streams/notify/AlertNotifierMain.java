package io.tokenlens.streams.notify;

import io.tokenlens.schemas.config.ServiceCommandLine;
import io.tokenlens.streams.config.NotifierConfig;
import io.tokenlens.streams.health.HealthServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the alert notifier ({@code ./tokenlens streams notify [properties file]}): loads its
 * configuration (defaults, the file named by {@code TOKENLENS_NOTIFIER_CONFIG} or the first
 * argument, the environment) and delivers alerts and findings until SIGTERM. Exits with status 2 on
 * an invalid configuration, 0 at once when no webhook is configured. Serves {@code /health} and
 * {@code /metrics} on {@code notifier.health.host}:{@code notifier.health.port}.
 */
public final class AlertNotifierMain {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifierMain.class);

  static final ServiceCommandLine COMMAND_LINE =
      ServiceCommandLine.of("./tokenlens streams notify", NotifierConfig.CONFIG_FILE_ENV);

  private AlertNotifierMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env =
        COMMAND_LINE.environmentOrExit(args, System.getenv(), System.out, System.err);
    NotifierConfig config;
    try {
      config = NotifierConfig.load(env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (config.webhookUrl() == null) {
      log.warn(
          "{} is not set: no webhook to notify; alerts stay on the topic and in ClickHouse",
          NotifierConfig.WEBHOOK_URL);
      return;
    }
    AlertNotifier notifier = new AlertNotifier(config);
    HealthServer health = startHealthServer(config, notifier);
    Thread loop = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  notifier.close();
                  try {
                    loop.join(30_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "notifier-shutdown"));
    try {
      notifier.run();
    } finally {
      if (health != null) {
        health.close();
      }
    }
  }

  /** The notifier's {@code /health} and {@code /metrics}, unless switched off (port -1). */
  static HealthServer startHealthServer(NotifierConfig config, AlertNotifier notifier) {
    if (config.healthPort() < 0) {
      return null;
    }
    try {
      HealthServer server =
          new HealthServer(
              config.healthHost(), config.healthPort(), notifier::health, notifier::metrics);
      log.info(
          "Health and metrics at http://{}:{}/health and /metrics",
          config.healthHost(),
          server.port());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve "
              + NotifierConfig.HEALTH_HOST
              + "="
              + config.healthHost()
              + " "
              + NotifierConfig.HEALTH_PORT
              + "="
              + config.healthPort(),
          e);
    }
  }
}
