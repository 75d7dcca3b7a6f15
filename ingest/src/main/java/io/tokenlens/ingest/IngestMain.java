package io.tokenlens.ingest;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
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

  static final CommandLine COMMAND_LINE =
      CommandLine.command("IngestMain [--config FILE]")
          .option(
              "config",
              "FILE",
              "a properties file (also TOKENLENS_INGEST_CONFIG); see docs/configuration.md for every key");

  private IngestMain() {}

  public static void main(String[] args) throws Exception {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      System.out.print(COMMAND_LINE.usage());
      return;
    }
    Optional<Path> file = a.optionalPath("config");
    if (!a.errors().isEmpty()) {
      a.errors().forEach(System.err::println);
      System.err.print(COMMAND_LINE.usage());
      System.exit(2);
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
