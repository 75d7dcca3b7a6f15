package io.tokenlens.ingest.load;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.directory.DirectoryParser;
import io.tokenlens.ingest.imports.ImportContext;
import io.tokenlens.ingest.imports.ProviderExport;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.ingest.prices.PriceParser;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.KafkaPublisher;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.publish.Publisher;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The loaders on the command line:
 *
 * <pre>
 * LoadMain directory FILE                            (.csv or .json) → directory
 * LoadMain prices [FILE]                              no FILE: the shipped defaults → model-prices
 * LoadMain import anthropic|openai|copilot FILE       → provider-usage
 * options anywhere: --config FILE, --dry-run (validate only)
 * </pre>
 *
 * Kafka and the registry come from the same configuration as the ingest service ({@code --config}
 * file, then {@code TOKENLENS_*} variables). The whole file is validated first; with any problem
 * nothing is published. Exit codes: 0 published, 1 invalid input, 2 usage or configuration error, 3
 * Kafka or the registry failed.
 */
public final class LoadMain {
  static final int OK = 0;
  static final int INVALID_INPUT = 1;
  static final int USAGE = 2;
  static final int PUBLISH_FAILED = 3;
  static final CommandLine COMMAND_LINE =
      CommandLine.command(
              """
              tokenlens load directory FILE           identities, engineers, repositories, budgets (.csv or .json)
                     tokenlens load prices [FILE]            price overrides (.csv or .json); no FILE: the shipped defaults
                     tokenlens import anthropic|openai|copilot FILE   a provider usage export\
              """)
          .option("config", "FILE", "ingest properties (Kafka and the registry)")
          .flag("dry-run", "validate only, publish nothing")
          .positionals(
              "COMMAND", "directory FILE, prices [FILE] or import KIND FILE; options anywhere")
          .footer("see docs/reference-data.md for the file formats");

  private final PrintStream out;
  private final PrintStream err;
  private final Function<IngestConfig, Publisher> publishers;
  private final Clock clock;

  LoadMain(
      PrintStream out, PrintStream err, Function<IngestConfig, Publisher> publishers, Clock clock) {
    this.out = out;
    this.err = err;
    this.publishers = publishers;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(
        new LoadMain(System.out, System.err, kafka(), Clock.systemUTC())
            .run(args, System.getenv()));
  }

  /** Publishers to the configured Kafka and registry. */
  static Function<IngestConfig, Publisher> kafka() {
    return config ->
        new KafkaPublisher(
            config.kafka(),
            config.serdes(),
            config.topics(),
            config.requests().bufferMaxRecords(),
            new IngestMetrics());
  }

  /** What to load: its records, and a line describing them. */
  private record Load(
      Topic<?> topic, List<? extends PendingRecord<?>> records, String description) {}

  int run(String[] args, Map<String, String> env) {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      out.print(COMMAND_LINE.usage());
      return OK;
    }
    Optional<Path> configFile = a.optionalPath("config");
    boolean dryRun = a.flag("dry-run");
    if (!a.errors().isEmpty()) {
      a.errors().forEach(err::println);
      err.print(COMMAND_LINE.usage());
      return USAGE;
    }
    Load load;
    try {
      load = load(a.positionals());
    } catch (UsageException e) {
      return usage(e.getMessage());
    } catch (InvalidInputException e) {
      err.println(e.getMessage() + ":");
      e.problems().forEach(p -> err.println("  " + p));
      return INVALID_INPUT;
    }
    if (dryRun) {
      out.println(
          load.description()
              + ": valid, "
              + load.records().size()
              + " records; nothing published (--dry-run)");
      return OK;
    }
    IngestConfig config;
    try {
      Map<String, String> values = new HashMap<>(env);
      // the loaders serve no HTTP, so they need no collector API key
      values.put(ConfigLayers.envName(IngestConfig.AUTH_REQUIRED), "false");
      config = IngestConfig.load(configFile, values);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    return publish(config, load);
  }

  private int publish(IngestConfig config, Load load) {
    String topic = config.topics().name(load.topic());
    int[] acknowledged = {0};
    try (Publisher publisher = publishers.apply(config)) {
      // published with Kafka's own credentials, no request credential to name
      Batches.publish(
          publisher,
          load.records(),
          AuthenticatedBy.NOBODY,
          config.requests().publishTimeout(),
          n -> acknowledged[0] = n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(load, acknowledged[0], e);
    } catch (RuntimeException e) {
      return failed(load, acknowledged[0], e);
    }
    out.println(
        load.description() + ": published " + load.records().size() + " records to " + topic);
    return OK;
  }

  private int failed(Load load, int acknowledged, Exception e) {
    err.println(
        load.description()
            + ": publishing failed after "
            + acknowledged
            + " of "
            + load.records().size()
            + " records: "
            + e.getMessage());
    err.println(
        "run the same command again once Kafka, the registry and the topic are there (./tokenlens up "
            + "creates the catalog topics): every record is keyed by its content, so records published twice replace "
            + "each other");
    return PUBLISH_FAILED;
  }

  private Load load(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("no command");
    }
    Instant now = clock.instant();
    String command = args.get(0);
    switch (command) {
      case "directory" -> {
        Path file = file(args, 1, 2);
        var records =
            DirectoryParser.parse(read(file), format(file), file.getFileName().toString(), now)
                .records();
        long deletions = records.stream().filter(PendingRecord::isTombstone).count();
        return new Load(
            Topics.DIRECTORY,
            records,
            "directory "
                + file
                + " ("
                + (records.size() - deletions)
                + " entries, "
                + deletions
                + " deletions)");
      }
      case "prices" -> {
        if (args.size() == 1) {
          return new Load(
              Topics.MODEL_PRICES,
              PriceParser.records(DefaultPrices.load(now.toEpochMilli())),
              "shipped default prices");
        }
        Path file = file(args, 1, 2);
        return new Load(
            Topics.MODEL_PRICES,
            PriceParser.records(
                PriceParser.parse(
                    read(file), format(file), file.getFileName().toString(), now.toEpochMilli())),
            "prices " + file);
      }
      case "import" -> {
        if (args.size() < 2) {
          throw new UsageException("import needs the export kind: anthropic, openai or copilot");
        }
        ProviderExport export =
            ProviderExport.byName(args.get(1))
                .orElseThrow(
                    () ->
                        new UsageException(
                            "unknown export '"
                                + args.get(1)
                                + "'; use anthropic, openai or copilot"));
        Path file = file(args, 2, 3);
        List<ProviderUsage> rows =
            export.parse(
                read(file),
                new ImportContext(now, export.cliName() + ":" + file.getFileName() + "@" + now));
        return new Load(
            Topics.PROVIDER_USAGE,
            rows.stream().map(r -> new PendingRecord<>(Topics.PROVIDER_USAGE, r)).toList(),
            export.cliName() + " export " + file + " (" + rows.size() + " usage rows)");
      }
      default -> throw new UsageException("unknown command '" + command + "'");
    }
  }

  private static Path file(List<String> args, int index, int size) {
    if (args.size() != size) {
      throw new UsageException(
          args.size() < size
              ? args.get(0) + " needs a FILE"
              : "unexpected arguments after " + args.get(size - 1));
    }
    return Path.of(args.get(index));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  private static InputFormat format(Path file) {
    return InputFormat.ofFile(file)
        .orElseThrow(
            () ->
                new UsageException(
                    "cannot tell the format of " + file + ": name it .csv or .json"));
  }

  private int usage(String problem) {
    err.println(problem);
    err.print(COMMAND_LINE.usage());
    return USAGE;
  }

  /** A command line that cannot run. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
