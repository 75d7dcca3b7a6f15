package io.tokenlens.simulator;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import io.tokenlens.schemas.config.CommandLineException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The simulator's settings, from command-line options, with the secrets falling back to the
 * variables ingest reads ({@code TOKENLENS_INGEST_ADMIN_API_KEYS}, else {@code
 * TOKENLENS_INGEST_API_KEYS}: the secret of its first entry, {@code
 * TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET}, {@code TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET}), so
 * one shell runs both. Every problem is reported at once.
 *
 * @param rate target events per second, or 0 for as fast as possible
 * @param end end of simulated time (default: the start of the current UTC hour)
 * @param providerExports the directory the provider usage exports and their labels are written to,
 *     or null for none
 * @param uninstrumentedRate probability per UTC day and provider of spend in the exports that no
 *     collector sent
 */
public record SimulateOptions(
    int engineers,
    int teams,
    int days,
    long seed,
    double rate,
    double wasteRate,
    double duplicateRate,
    boolean lookAlikes,
    boolean logUserPrompts,
    boolean logToolDetails,
    Path labels,
    URI ingestUrl,
    String apiKey,
    String githubSecret,
    String pagerdutySecret,
    boolean dryRun,
    Instant end,
    Path providerExports,
    double uninstrumentedRate) {

  /** Signs webhooks in a dry run without secrets (nothing is sent). */
  static final String DRY_RUN_SECRET = "dry-run-unsigned";

  public static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens simulate [options]")
          .option("engineers", "N", "engineers", "50")
          .option("teams", "T", "teams, spread over timezones", "5")
          .option("days", "D", "simulated days, ending at --end", "1")
          .option(
              "end",
              "ISO-8601",
              "end of simulated time (default: the start of the current UTC hour)")
          .option("seed", "S", "random seed: same seed and options, same traffic and labels", "1")
          .option("rate", "N|max", "events per second sent, or max", "max")
          .option(
              "waste-rate",
              "R",
              "probability per engineer-working-day of a planted occurrence, and of a near-miss",
              "0.1")
          .option("duplicate-rate", "R", "share of requests delivered twice", "0.02")
          .flag(
              "no-look-alikes",
              "leave out the CI bot, attended-refactoring and on-call look-alikes")
          .flag(
              "log-user-prompts",
              "Claude Code with OTEL_LOG_USER_PROMPTS=1 (synthetic prompt text)")
          .flag(
              "log-tool-details",
              "Claude Code with OTEL_LOG_TOOL_DETAILS=1 (synthetic tool parameters)")
          .option("labels", "FILE", "ground-truth labels, JSON lines", "labels.jsonl")
          .option(
              "provider-exports",
              "DIR",
              "write the Anthropic and OpenAI usage exports of the simulated days and their labels\n"
                  + "(spend-labels.jsonl) to DIR (default: none)")
          .option(
              "uninstrumented-rate",
              "R",
              "probability per UTC day and provider of spend in the exports that no collector sent",
              "0.3")
          .option("ingest-url", "URL", "the ingest service", "http://127.0.0.1:4318")
          .option(
              "api-key",
              "KEY",
              "an ingest admin API key secret: it loads the directory\n"
                  + "(default: TOKENLENS_INGEST_ADMIN_API_KEYS, else TOKENLENS_INGEST_API_KEYS)")
          .option(
              "github-secret",
              "S",
              "ingest.github.webhook.secret (default: TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET)")
          .option(
              "pagerduty-secret",
              "S",
              "ingest.pagerduty.webhook.secret"
                  + " (default: TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET)")
          .flag("dry-run", "print counts per event kind and write the labels; send nothing");

  /**
   * The options of {@code args}, the secrets not given falling back to {@code env}.
   *
   * @throws CommandLineException with every problem found
   */
  public static SimulateOptions parse(String[] args, Map<String, String> env) {
    Arguments a = COMMAND_LINE.parse(args);
    int engineers = a.intAtLeast("engineers", 1);
    int teams = a.intAtLeast("teams", 1);
    int days = a.intAtLeast("days", 1);
    long seed = a.longValue("seed");
    double rate = "max".equals(a.string("rate")) ? 0 : a.doubleAbove("rate", 0);
    double wasteRate = a.doubleBetween("waste-rate", 0, 1);
    double duplicateRate = a.doubleBetween("duplicate-rate", 0, 1);
    double uninstrumentedRate = a.doubleBetween("uninstrumented-rate", 0, 1);
    URI ingestUrl = url(a);
    Instant end = a.given("end") ? a.instant("end") : Instant.now().truncatedTo(ChronoUnit.HOURS);
    boolean dryRun = a.flag("dry-run");
    String apiKey = a.string("api-key");
    for (String variable :
        List.of("TOKENLENS_INGEST_ADMIN_API_KEYS", "TOKENLENS_INGEST_API_KEYS")) {
      String keys = env.get(variable);
      if (apiKey == null && keys != null && keys.contains("=")) {
        String first = keys.split(",")[0];
        apiKey = first.substring(first.indexOf('=') + 1).trim();
      }
    }
    String githubSecret =
        a.optional("github-secret").orElse(env.get("TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET"));
    String pagerdutySecret =
        a.optional("pagerduty-secret").orElse(env.get("TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET"));
    if (!dryRun) {
      requireSet(a, "--api-key (or TOKENLENS_INGEST_ADMIN_API_KEYS)", apiKey);
      requireSet(a, "--github-secret (or TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET)", githubSecret);
      requireSet(
          a, "--pagerduty-secret (or TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET)", pagerdutySecret);
    }
    if (teams > engineers) {
      a.error("--teams: " + teams + " teams need at least as many engineers, not " + engineers);
    }
    a.throwIfInvalid();
    return new SimulateOptions(
        engineers,
        teams,
        days,
        seed,
        rate,
        wasteRate,
        duplicateRate,
        !a.flag("no-look-alikes"),
        a.flag("log-user-prompts"),
        a.flag("log-tool-details"),
        a.path("labels"),
        ingestUrl,
        apiKey,
        githubSecret == null ? DRY_RUN_SECRET : githubSecret,
        pagerdutySecret == null ? DRY_RUN_SECRET : pagerdutySecret,
        dryRun,
        end,
        a.given("provider-exports") ? a.path("provider-exports") : null,
        uninstrumentedRate);
  }

  private static void requireSet(Arguments a, String name, String value) {
    if (value == null || value.isBlank()) {
      a.error(name + ": required unless --dry-run");
    }
  }

  private static URI url(Arguments a) {
    String value = a.string("ingest-url");
    try {
      URI uri = URI.create(value);
      if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    a.error("--ingest-url must be an http(s) URL but is '" + value + "'");
    return null;
  }
}
