package io.tokenlens.streams;

import io.tokenlens.schemas.config.ServiceCommandLine;
import io.tokenlens.streams.config.HealthSettings;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.health.HealthServer;
import io.tokenlens.streams.notify.AlertNotifierMain;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the streams job: loads the configuration (defaults, the properties file named by {@code
 * TOKENLENS_STREAMS_CONFIG} or the first argument, the environment) and runs until SIGTERM; exits
 * with status 1 when Kafka Streams fails, 2 on an invalid configuration. {@code notify} as the
 * first argument runs the alert notifier instead ({@link AlertNotifierMain}).
 */
public final class StreamsMain {

  private static final Logger log = LoggerFactory.getLogger(StreamsMain.class);

  static final ServiceCommandLine COMMAND_LINE =
      ServiceCommandLine.of("./tokenlens streams", StreamsAppConfig.CONFIG_FILE_ENV);

  private StreamsMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0
        && args[0].equals("notify")) { // ./tokenlens streams notify [file]: the alert notifier
      AlertNotifierMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Map<String, String> env =
        COMMAND_LINE.environmentOrExit(args, System.getenv(), System.out, System.err);
    StreamsAppConfig config;
    HealthSettings health;
    try {
      config = StreamsAppConfig.load(env);
      health = HealthSettings.load(env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    log.info(
        "Streams starting: kafka {}, application {}, topic prefix '{}', state {}, {} thread(s)",
        config.bootstrapServers(),
        config.applicationId(),
        config.topicSettings().namePrefix(),
        config.stateDir(),
        config.numThreads());
    StreamsApp app = new StreamsApp(config);
    HealthServer server = startHealthServer(health, app);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  if (server != null) {
                    server.close();
                  }
                },
                "streams-shutdown"));
    app.start();
    KafkaStreams.State last = app.awaitStop();
    if (last == KafkaStreams.State.ERROR) {
      log.error("Streams failed; exiting");
      app.close();
      System.exit(1);
    }
    log.info("Streams stopped");
  }

  private static HealthServer startHealthServer(HealthSettings health, StreamsApp app) {
    if (!health.enabled()) {
      return null;
    }
    try {
      HealthServer server =
          new HealthServer(health.host(), health.port(), app::streams, app.restorations());
      log.info(
          "Health and metrics at http://{}:{}/health and /metrics", health.host(), server.port());
      return server;
    } catch (IOException e) {
      System.err.println(
          "Cannot serve "
              + HealthSettings.HOST
              + ":"
              + HealthSettings.PORT
              + " = "
              + health.host()
              + ":"
              + health.port()
              + ": "
              + e.getMessage());
      System.exit(2);
      return null;
    }
  }
}
