package io.tokenlens.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    Instant end) {

  /** Signs webhooks in a dry run without secrets (nothing is sent). */
  static final String DRY_RUN_SECRET = "dry-run-unsigned";

  public static final String USAGE =
      """
      usage: ./tokenlens simulate [options]
        --engineers N          engineers (default 50)
        --teams T              teams, spread over timezones (default 5)
        --days D               simulated days, ending at --end (default 1)
        --end ISO-8601         end of simulated time (default: the start of the current UTC hour)
        --seed S               random seed (default 1): same seed and options, same traffic and labels
        --rate N|max           events per second sent, or max (default max)
        --waste-rate R         probability per engineer-working-day of a planted occurrence, and of a near-miss (default 0.1)
        --duplicate-rate R     share of requests delivered twice (default 0.02)
        --no-look-alikes       leave out the CI bot, attended-refactoring and on-call look-alikes
        --log-user-prompts     Claude Code with OTEL_LOG_USER_PROMPTS=1 (synthetic prompt text)
        --log-tool-details     Claude Code with OTEL_LOG_TOOL_DETAILS=1 (synthetic tool parameters)
        --labels FILE          ground-truth labels, JSON lines (default labels.jsonl)
        --ingest-url URL       the ingest service (default http://127.0.0.1:4318)
        --api-key KEY          an ingest admin API key secret: it loads the directory
                               (default: TOKENLENS_INGEST_ADMIN_API_KEYS, else TOKENLENS_INGEST_API_KEYS)
        --github-secret S      ingest.github.webhook.secret (default: TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET)
        --pagerduty-secret S   ingest.pagerduty.webhook.secret (default: TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET)
        --dry-run              print counts per event kind and write the labels; send nothing
      """;

  /** Thrown with every problem found. */
  public static final class InvalidOptionsException extends Exception {
    private final List<String> problems;

    public InvalidOptionsException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  public static SimulateOptions parse(String[] args, Map<String, String> env)
      throws InvalidOptionsException {
    List<String> problems = new ArrayList<>();
    Values v = new Values(problems);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--dry-run" -> v.dryRun = true;
        case "--no-look-alikes" -> v.lookAlikes = false;
        case "--log-user-prompts" -> v.logUserPrompts = true;
        case "--log-tool-details" -> v.logToolDetails = true;
        case "--engineers",
            "--teams",
            "--days",
            "--seed",
            "--rate",
            "--waste-rate",
            "--duplicate-rate",
            "--labels",
            "--ingest-url",
            "--api-key",
            "--github-secret",
            "--pagerduty-secret",
            "--end" -> {
          if (i + 1 >= args.length) {
            problems.add(a + ": a value is required");
          } else {
            v.set(a, args[++i]);
          }
        }
        default -> problems.add("unknown option '" + a + "'");
      }
    }
    for (String variable :
        List.of("TOKENLENS_INGEST_ADMIN_API_KEYS", "TOKENLENS_INGEST_API_KEYS")) {
      String keys = env.get(variable);
      if (v.apiKey == null && keys != null && keys.contains("=")) {
        String first = keys.split(",")[0];
        v.apiKey = first.substring(first.indexOf('=') + 1).trim();
      }
    }
    v.githubSecret =
        v.githubSecret != null ? v.githubSecret : env.get("TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET");
    v.pagerdutySecret =
        v.pagerdutySecret != null
            ? v.pagerdutySecret
            : env.get("TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET");
    if (!v.dryRun) {
      requireSet(problems, "--api-key (or TOKENLENS_INGEST_ADMIN_API_KEYS)", v.apiKey);
      requireSet(
          problems, "--github-secret (or TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET)", v.githubSecret);
      requireSet(
          problems,
          "--pagerduty-secret (or TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET)",
          v.pagerdutySecret);
    }
    if (v.teams > v.engineers) {
      problems.add(
          "--teams: " + v.teams + " teams need at least as many engineers, not " + v.engineers);
    }
    if (!problems.isEmpty()) {
      throw new InvalidOptionsException(problems);
    }
    return new SimulateOptions(
        v.engineers,
        v.teams,
        v.days,
        v.seed,
        v.rate,
        v.wasteRate,
        v.duplicateRate,
        v.lookAlikes,
        v.logUserPrompts,
        v.logToolDetails,
        v.labels,
        v.ingestUrl,
        v.apiKey,
        v.githubSecret == null ? DRY_RUN_SECRET : v.githubSecret,
        v.pagerdutySecret == null ? DRY_RUN_SECRET : v.pagerdutySecret,
        v.dryRun,
        v.end);
  }

  private static void requireSet(List<String> problems, String name, String value) {
    if (value == null || value.isBlank()) {
      problems.add(name + ": required unless --dry-run");
    }
  }

  private static final class Values {
    final List<String> problems;
    int engineers = 50;
    int teams = 5;
    int days = 1;
    long seed = 1;
    double rate;
    double wasteRate = 0.1;
    double duplicateRate = 0.02;
    boolean lookAlikes = true;
    boolean logUserPrompts;
    boolean logToolDetails;
    Path labels = Path.of("labels.jsonl");
    URI ingestUrl = URI.create("http://127.0.0.1:4318");
    String apiKey;
    String githubSecret;
    String pagerdutySecret;
    boolean dryRun;
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

    Values(List<String> problems) {
      this.problems = problems;
    }

    void set(String option, String value) {
      try {
        switch (option) {
          case "--engineers" -> engineers = positive(option, Integer.parseInt(value));
          case "--teams" -> teams = positive(option, Integer.parseInt(value));
          case "--days" -> days = positive(option, Integer.parseInt(value));
          case "--seed" -> seed = Long.parseLong(value);
          case "--rate" ->
              rate = value.equals("max") ? 0 : positive(option, Double.parseDouble(value));
          case "--waste-rate" -> wasteRate = share(option, Double.parseDouble(value));
          case "--duplicate-rate" -> duplicateRate = share(option, Double.parseDouble(value));
          case "--labels" -> labels = Path.of(value);
          case "--ingest-url" -> ingestUrl = url(option, value);
          case "--api-key" -> apiKey = value;
          case "--github-secret" -> githubSecret = value;
          case "--pagerduty-secret" -> pagerdutySecret = value;
          case "--end" -> end = Instant.parse(value);
          default -> throw new IllegalStateException(option);
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        problems.add(option + ": '" + value + "' is not a valid value");
      }
    }

    private <N extends Number> N positive(String option, N n) {
      if (n.doubleValue() <= 0) {
        problems.add(option + ": must be positive, not " + n);
      }
      return n;
    }

    private double share(String option, double d) {
      if (!(d >= 0 && d <= 1)) {
        problems.add(option + ": must be between 0 and 1, not " + d);
      }
      return d;
    }

    private URI url(String option, String value) {
      URI uri = URI.create(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        problems.add(option + ": '" + value + "' is not an http(s) URL");
      }
      return uri;
    }
  }
}
