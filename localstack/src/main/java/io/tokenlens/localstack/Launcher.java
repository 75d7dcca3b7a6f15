package io.tokenlens.localstack;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tokenlens up | down [--purge] | status | env} — the local stack without Docker. {@code
 * --data-dir DIR} overrides {@code TOKENLENS_HOME}.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      out.print(COMMAND_LINE.usage());
      return 0;
    }
    Map<String, String> env = new HashMap<>(System.getenv());
    boolean purge = a.flag("purge");
    a.optionalPath("data-dir")
        .ifPresent(dir -> env.put("TOKENLENS_HOME", dir.toAbsolutePath().toString()));
    a.optional("brokers").ifPresent(brokers -> env.put(StackSettings.KAFKA_BROKERS, brokers));
    List<String> rest = a.positionals();
    if (rest.size() != 1) {
      a.error(rest.isEmpty() ? "no command" : "one command at a time, not " + rest);
    }
    if (!a.errors().isEmpty()) {
      a.errors().forEach(err::println);
      err.print(COMMAND_LINE.usage());
      return 2;
    }
    StackSettings settings;
    ServiceSupervisor services;
    try {
      settings = StackSettings.fromEnvironment(RepoLayout.locate(), env);
      services =
          ServiceSupervisor.forStatus(settings, ServiceSettings.fromEnvironment(settings, env));
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
    LocalStack stack = new LocalStack(settings);
    try {
      switch (rest.get(0)) {
        case "up" -> {
          out.println("local stack in " + settings.dataDir());
          settings.recordBrokers();
          stack.up(out);
          CatalogTopics.provision(settings, out);
          out.println();
          printEnv(settings, out, "  ", false);
          out.println("stop with: ./tokenlens down   (add --purge to delete the data)");
          return 0;
        }
        case "down" -> {
          services.down(out);
          stack.down(purge, out);
          return 0;
        }
        case "status" -> {
          boolean allRunning = true;
          out.printf(STATUS_LINE, "COMPONENT", "PID", "ADDRESS", "STATE");
          for (LocalStack.ComponentStatus s : stack.status()) {
            printStatus(s, out);
            allRunning &= s.pid().isPresent() && s.ready();
          }
          // the demo's services: shown, but not needed for the stack to count as running
          services.status().forEach(s -> printStatus(s, out));
          out.println("data: " + settings.dataDir());
          return allRunning ? 0 : 3;
        }
        case "topics" -> {
          CatalogTopics.provision(settings, env, out);
          return 0;
        }
        case "env" -> {
          printEnv(settings, out, "export ", true);
          return 0;
        }
        default -> {
          err.println("unknown command '" + rest.get(0) + "'");
          err.print(COMMAND_LINE.usage());
          return 2;
        }
      }
    } catch (StackException e) {
      err.println("up failed: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println(rest.get(0) + " failed: " + e);
      return 1;
    }
  }

  private static final String STATUS_LINE = "%-16s %-8s %-40s %s%n";

  private static void printStatus(LocalStack.ComponentStatus s, PrintStream out) {
    out.printf(
        STATUS_LINE, s.name(), s.pid().map(String::valueOf).orElse("-"), s.address(), s.state());
  }

  /**
   * The variables the test kit and the services read to find the stack; the password only when
   * asked for.
   */
  static void printEnv(StackSettings settings, PrintStream out, String prefix, boolean secrets) {
    out.println(prefix + "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS=" + settings.kafkaBootstrapServers());
    out.println(prefix + "TOKENLENS_SCHEMA_REGISTRY_URL=" + settings.schemaRegistryUrl());
    out.println(prefix + "TOKENLENS_CLICKHOUSE_URL=" + settings.clickhouseJdbcUrl());
    settings.topicEnvironment().forEach((key, value) -> out.println(prefix + key + "=" + value));
    out.println(
        prefix + "TOKENLENS_CLICKHOUSE_READER_USER=" + StackSettings.CLICKHOUSE_READER_USER);
    out.println(
        prefix
            + "TOKENLENS_CLICKHOUSE_READER_PASSWORD="
            + (secrets
                ? settings.clickhouseReaderPassword()
                : "...   (./tokenlens env prints it)"));
  }

  private static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens [--data-dir DIR] <command>")
          .option("data-dir", "DIR", "the stack's data directory (default TOKENLENS_HOME)")
          .option(
              "brokers",
              "N",
              "the number of Kafka brokers, 1 to "
                  + StackSettings.MAX_KAFKA_BROKERS
                  + " (default "
                  + StackSettings.KAFKA_BROKERS
                  + ", else what the last up recorded, else 1)")
          .flag("purge", "with down: also delete the data directory")
          .positionals("<command>", "one of:")
          .footer(
              """
                up [--brokers N]  start Kafka (N brokers), the schema registry and ClickHouse on 127.0.0.1 (idempotent)
                status         show each component and demo service, its address and pid
                down [--purge] stop what up and demo started; --purge also deletes the data directory
                demo [options] the whole pipeline on the local stack: a simulated organisation, then the report
                chaos [options] kill and restart processes of the running pipeline under traffic, count what landed
                env            print the environment variables that point clients at the stack
                topics         create the catalog's missing topics on TOKENLENS_KAFKA_BOOTSTRAP_SERVERS (else the stack)
                ingest | streams | sink [args]   run a pipeline service against the stack
                bench ingest | sink [args]       run a module's benchmark against the stack
                load directory FILE | load prices [FILE] | import anthropic|openai|copilot FILE
                               load the directory or prices, or import a provider usage export (see docs/reference-data.md)"""
                  .indent(4));
}
