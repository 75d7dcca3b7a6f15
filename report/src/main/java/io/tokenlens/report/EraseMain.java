package io.tokenlens.report;

import io.tokenlens.report.erase.DirectoryTombstones;
import io.tokenlens.report.erase.EraseConfig;
import io.tokenlens.report.erase.Eraser;
import io.tokenlens.report.erase.ErasurePlan;
import io.tokenlens.report.erase.IdentityResolver;
import io.tokenlens.report.erase.Person;
import io.tokenlens.report.erase.StepResult;
import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import io.tokenlens.schemas.topics.Topics;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./tokenlens erase --engineer ID | --email EMAIL}: removes or pseudonymises one person in
 * every table of the ClickHouse database (docs/privacy.md), after publishing tombstones for their
 * directory entries when Kafka is configured. Prints what it did per table; running it again
 * changes nothing. Exit 0 when done, 1 when ClickHouse refused a statement, 2 on a wrong argument,
 * 3 when ClickHouse cannot be reached or lacks the tables, 4 when the tombstones were published but
 * the sink has not stored them yet (run the command again once it has).
 */
public final class EraseMain {

  static final int SINK_BEHIND = 4;

  static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens erase (--engineer ID | --email EMAIL)... [--dry-run]")
          .repeatable("engineer", "ID", "an engineer id of the directory")
          .repeatable(
              "email",
              "EMAIL",
              "an email address (the directory resolves it to its engineer, if any)")
          .flag(
              "dry-run", "resolve the person and count their rows; change nothing, publish nothing")
          .footer(
              """
              Every option may repeat; all name one person. See docs/privacy.md.
              ClickHouse: TOKENLENS_CLICKHOUSE_URL (default the local stack's); Kafka: TOKENLENS_KAFKA_BOOTSTRAP_SERVERS,
              TOKENLENS_TOPICS_NAME_PREFIX, TOKENLENS_SINK_GROUP_ID; TOKENLENS_ERASE_PSEUDONYM_SALT, TOKENLENS_ERASE_SINK_WAIT_MS""");

  private EraseMain() {}

  public static void main(String[] args) {
    Commands.logToStderr();
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      out.print(COMMAND_LINE.usage());
      return Commands.OK;
    }
    Set<String> engineers = named(a, "engineer");
    Set<String> emails = named(a, "email");
    boolean dryRun = a.flag("dry-run");
    if (engineers.isEmpty() && emails.isEmpty() && a.errors().isEmpty()) {
      a.error("name the person with --engineer or --email");
    }
    EraseConfig config;
    try {
      a.throwIfInvalid();
      config = EraseConfig.load(env);
    } catch (CommandLineException e) {
      return Commands.usage(err, "erase", COMMAND_LINE.usage(), e.problems());
    } catch (IllegalArgumentException e) {
      return Commands.usage(err, "erase", COMMAND_LINE.usage(), List.of(e.getMessage()));
    }

    try (ClickHouseQueries clickhouse = new ClickHouseQueries(config.clickhouse())) {
      clickhouse.requireRelations(ErasurePlan.tables());
      IdentityResolver resolver = new IdentityResolver(clickhouse);
      Person person = resolver.resolve(engineers, emails, salt(config, clickhouse));
      out.printf(
          "person: %d engineer ids, %d emails, %d user ids, %d account ids, %d API keys, %d logins, "
              + "%d directory entries; pseudonym %s%n",
          person.engineerIds().size(),
          person.emails().size(),
          person.userIds().size(),
          person.accountIds().size(),
          person.apiKeyIds().size(),
          person.logins().size(),
          person.directoryKeys().size(),
          person.pseudonym());
      if (dryRun) {
        new Eraser(clickhouse)
            .count(person)
            .forEach(r -> out.println(r.describe() + "  [dry run: nothing changed]"));
        return Commands.OK;
      }
      boolean sinkCaughtUp =
          publishTombstones(config, resolver.liveDirectoryKeys(person), out, err);
      List<StepResult> results =
          new Eraser(clickhouse).erase(person, r -> out.println(r.describe()));
      out.printf(
          "erased: %d rows in %d tables%n",
          results.stream().mapToLong(StepResult::rows).sum(),
          results.stream().filter(r -> r.rows() > 0).map(r -> r.step().table()).distinct().count());
      if (!sinkCaughtUp) {
        err.println(
            "erase: the sink (group "
                + config.sinkGroupId()
                + ") has not stored the directory tombstones "
                + "yet; they arrive as rows naming the identities: run ./tokenlens erase again once it has");
        return SINK_BEHIND;
      }
      return Commands.OK;
    } catch (ClickHouseUnavailableException e) {
      return Commands.fail(err, "erase", Commands.CLICKHOUSE_UNAVAILABLE, e.getMessage());
    } catch (QueryFailedException e) {
      return Commands.fail(err, "erase", Commands.QUERY_FAILED, e.getMessage());
    } catch (ExecutionException e) {
      return Commands.fail(
          err, "erase", Commands.QUERY_FAILED, "Kafka: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Commands.fail(err, "erase", Commands.QUERY_FAILED, "interrupted");
    }
  }

  /**
   * Tombstones for the live directory keys; whether the sink has stored them (true when there were
   * none).
   */
  private static boolean publishTombstones(
      EraseConfig config, Set<String> keys, PrintStream out, PrintStream err)
      throws ExecutionException, InterruptedException {
    if (config.kafka().isEmpty()) {
      out.println(
          "kafka: not configured (TOKENLENS_KAFKA_BOOTSTRAP_SERVERS); no directory tombstones published");
      return true;
    }
    String topic = config.topics().name(Topics.DIRECTORY);
    if (keys.isEmpty()) {
      out.println("kafka: no live directory entries of the person on " + topic);
      return true;
    }
    try (DirectoryTombstones tombstones = new DirectoryTombstones(topic, config.kafka().get())) {
      Map<TopicPartition, Long> ends = tombstones.publish(keys);
      out.println("kafka: " + keys.size() + " directory tombstones published to " + topic);
      boolean stored = tombstones.awaitSink(config.sinkGroupId(), ends, config.sinkWait());
      out.println("kafka: the sink " + (stored ? "has stored them" : "has not stored them yet"));
      return stored;
    }
  }

  /**
   * The configured salt, else the database's UUID (stable for the database, unknown outside
   * ClickHouse).
   */
  private static String salt(EraseConfig config, ClickHouseQueries clickhouse)
      throws QueryFailedException {
    if (!config.pseudonymSalt().isBlank()) {
      return config.pseudonymSalt();
    }
    return String.valueOf(
        clickhouse
            .query(
                "SELECT toString(uuid) AS u FROM system.databases WHERE name = {db:String}",
                Map.of("db", config.clickhouse().database()))
            .column("u")
            .stream()
            .findFirst()
            .orElse(""));
  }

  /** The values of the repeatable {@code --name}; a blank one is a problem. */
  private static Set<String> named(Arguments a, String name) {
    Set<String> values = new LinkedHashSet<>();
    for (String value : a.all(name)) {
      if (value.isBlank()) {
        a.error("--" + name + " needs a value");
      } else {
        values.add(value);
      }
    }
    return values;
  }
}
