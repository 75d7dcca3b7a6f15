package io.tokenlens.ingest;

import io.tokenlens.ingest.config.IngestConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest service: {@code IngestMain [--config FILE]}. Configuration: defaults, then the
 * file (also {@code TOKENLENS_INGEST_CONFIG}), then {@code TOKENLENS_*} environment variables.
 */
public final class IngestMain {
  private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

  private IngestMain() {}

  public static void main(String[] args) throws Exception {
    Optional<Path> file = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        file = Optional.of(Path.of(args[++i]));
      } else if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(
            "usage: IngestMain [--config FILE]   (see docs/configuration.md for every key)");
        return;
      } else {
        System.err.println("unknown argument '" + args[i] + "'; usage: IngestMain [--config FILE]");
        System.exit(2);
      }
    }
    IngestConfig config;
    try {
      config = IngestConfig.load(file, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    IngestServer server = IngestServer.start(config);
    LOG.info(
        "tokenlens ingest listening on http://{}:{}{} ({})",
        config.http().host(),
        server.port(),
        config.grpc().enabled()
            ? ", OTLP/gRPC on " + config.grpc().host() + ":" + server.grpcPort()
            : "",
        config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    LOG.warn("shutdown: {}", e.toString());
                  }
                },
                "ingest-shutdown"));
    server.join();
  }
}
