package io.tokenlens.streams;

import io.tokenlens.streams.config.StreamsAppConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the streams job: loads the configuration (defaults, the properties file named by
 * {@code TOKENLENS_STREAMS_CONFIG} or the first argument, the environment) and runs until SIGTERM.
 */
public final class StreamsMain {

  private static final Logger log = LoggerFactory.getLogger(StreamsMain.class);

  private StreamsMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (args.length > 0) {
      env.put(StreamsAppConfig.CONFIG_FILE_ENV, args[0]);
    }
    StreamsAppConfig config;
    try {
      config = StreamsAppConfig.load(env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    log.info("Streams starting: kafka {}, application {}, topic prefix '{}', state {}, {} thread(s)",
        config.bootstrapServers(), config.applicationId(), config.topicSettings().namePrefix(), config.stateDir(),
        config.numThreads());
    CountDownLatch stopped = new CountDownLatch(1);
    StreamsApp app = new StreamsApp(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "streams-shutdown"));
    app.start();
    stopped.await();
    log.info("Streams stopped");
  }
}
