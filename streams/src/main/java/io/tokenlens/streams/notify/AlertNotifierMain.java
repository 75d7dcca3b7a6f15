package io.tokenlens.streams.notify;

import io.tokenlens.schemas.config.ServiceCommandLine;
import io.tokenlens.streams.config.NotifierConfig;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the alert notifier ({@code ./tokenlens streams notify [properties file]}): loads its
 * configuration (defaults, the file named by {@code TOKENLENS_NOTIFIER_CONFIG} or the first
 * argument, the environment) and delivers alerts and findings until SIGTERM. Exits with status 2 on
 * an invalid configuration, 0 at once when no webhook is configured.
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
    notifier.run();
  }
}
