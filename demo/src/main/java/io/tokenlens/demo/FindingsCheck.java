package io.tokenlens.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Holds what the pipeline made of each fault phase's {@link WasteScript} against the clean phase's:
 * the scripted findings in {@code waste_findings} and the scripted pull request's row in {@code
 * pr_attribution} (both read {@code FINAL}: the highest version), normalised so that the phase's
 * own ids and live times drop out. A finding is its pattern and scripted subject (the loop session,
 * the pull request) with its version, tokens, estimated wasted cost and evidence; an attribution
 * row is the pull request's state, requests, tokens by kind and match, cost, sessions and engineers
 * (not its version, which counts emissions and so follows how the usage was batched).
 */
final class FindingsCheck {
  /** The patterns every phase's script raises, and the subject each is compared by. */
  static final List<String> EXPECTED = List.of("LOOPING_AGENT loop", "ABANDONED_SPEND pr");

  /** One fault phase against the clean phase. */
  record Phase(
      Fault fault,
      int findings,
      int findingsDiffering,
      int attributions,
      int attributionsDiffering) {}

  /**
   * The phases after the clean one, how many findings the clean phase had, and every difference as
   * a line.
   */
  record Result(int cleanFindings, List<Phase> phases, List<String> differences) {
    boolean agrees() {
      return cleanFindings > 0
          && phases.stream()
              .allMatch(
                  p ->
                      p.findings() > 0
                          && p.findingsDiffering() == 0
                          && p.attributions() > 0
                          && p.attributionsDiffering() == 0);
    }

    String render() {
      StringBuilder b =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "findings and PR attribution of the scripted waste against the clean phase"
                      + " (%d findings):%n%-16s %9s %9s   %11s %9s%n",
                  cleanFindings,
                  "fault",
                  "findings",
                  "differing",
                  "attribution",
                  "differing"));
      for (Phase p : phases) {
        b.append(
            String.format(
                Locale.ROOT,
                "%-16s %9d %9d   %11d %9d%n",
                p.fault().label(),
                p.findings(),
                p.findingsDiffering(),
                p.attributions(),
                p.attributionsDiffering()));
      }
      differences.forEach(d -> b.append("  differs: ").append(d).append('\n'));
      return b.toString().stripTrailing();
    }
  }

  /** Normalised findings and attribution rows of one phase, each by its key. */
  record Outcome(Map<String, String> findings, Map<String, String> attributions) {
    boolean complete() {
      return findings.keySet().containsAll(EXPECTED)
          && attributions.values().stream().anyMatch(v -> v.contains(" finalized"));
    }
  }

  private static final String FINDINGS =
      """
      SELECT pattern, version, ifNull(session_id, ''), ifNull(repository, ''),
             ifNull(pull_request_number, 0), tokens, estimated_wasted_cost_usd,
             arrayStringConcat(arraySort(arrayMap((k, v) -> concat(k, '=', toString(round(v, 6))),
                                                   mapKeys(evidence), mapValues(evidence))), ' ')
      FROM waste_findings FINAL
      WHERE repository = ? OR startsWith(ifNull(session_id, ''), ?)
      """;

  private static final String ATTRIBUTIONS =
      """
      SELECT number, state, finalized, merged, requests, input_tokens, cache_read_tokens,
             cache_write_tokens, output_tokens, exact_match_tokens, inferred_match_tokens, cost_usd,
             sessions, engineers
      FROM pr_attribution FINAL
      WHERE repository = ?
      """;

  private static final Duration POLL = Duration.ofSeconds(2);

  private final String jdbcUrl;
  private final String runId;
  private final List<Fault> phases;

  /**
   * @param phases the run's phases in order, the clean one first: a phase's position numbers its
   *     scripted pull request
   */
  FindingsCheck(String jdbcUrl, String runId, List<Fault> phases) {
    this.jdbcUrl = jdbcUrl;
    this.runId = runId;
    this.phases = List.copyOf(phases);
  }

  /**
   * Waits until every phase has its {@link #EXPECTED} findings and its pull request's final
   * attribution, at most {@code bound} (the detectors decide a minute or two after their events:
   * the last phase's after the traffic stopped), then compares.
   */
  Result awaitAndCompare(Duration bound, PrintStream out) throws Exception {
    long start = System.nanoTime();
    Map<Fault, Outcome> outcomes = read();
    while (!outcomes.values().stream().allMatch(Outcome::complete)
        && System.nanoTime() - start < bound.toNanos()) {
      long complete = outcomes.values().stream().filter(Outcome::complete).count();
      out.printf(
          Locale.ROOT,
          "\rscripted waste decided in %d of %d phases, waited %s   ",
          complete,
          phases.size(),
          DrainWaiter.clockTime(Duration.ofNanos(System.nanoTime() - start)));
      out.flush();
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis()); // the detectors decide on their own time
      outcomes = read();
    }
    out.printf(
        Locale.ROOT,
        "\rscripted waste read after %s%n",
        DrainWaiter.clockTime(Duration.ofNanos(System.nanoTime() - start)));
    return compare(phases, outcomes);
  }

  /** Every phase after the first against the first. */
  static Result compare(List<Fault> phases, Map<Fault, Outcome> outcomes) {
    Outcome clean = outcomes.get(phases.get(0));
    List<Phase> compared = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (Fault fault : phases.subList(1, phases.size())) {
      Outcome here = outcomes.get(fault);
      int[] findings = differ(fault, clean.findings(), here.findings(), differences);
      int[] rows = differ(fault, clean.attributions(), here.attributions(), differences);
      compared.add(new Phase(fault, findings[0], findings[1], rows[0], rows[1]));
    }
    return new Result(clean.findings().size(), compared, differences);
  }

  /** {compared, differing} over the keys of either side, each difference added as a line. */
  private static int[] differ(
      Fault fault, Map<String, String> clean, Map<String, String> here, List<String> lines) {
    TreeSet<String> keys = new TreeSet<>(clean.keySet());
    keys.addAll(here.keySet());
    int differing = 0;
    for (String key : keys) {
      String a = clean.get(key);
      String b = here.get(key);
      if (!Objects.equals(a, b)) {
        differing++;
        lines.add(
            String.format(
                Locale.ROOT,
                "%s %s: clean %s, here %s",
                fault.label(),
                key,
                a == null ? "none" : a,
                b == null ? "none" : b));
      }
    }
    return new int[] {keys.size(), differing};
  }

  private Map<Fault, Outcome> read() throws SQLException {
    Map<Fault, Outcome> outcomes = new HashMap<>();
    Map<String, Fault> byLoopSession = new HashMap<>();
    for (Fault f : phases) {
      outcomes.put(f, new Outcome(new TreeMap<>(), new TreeMap<>()));
      byLoopSession.put(WasteScript.loopSession(runId, f), f);
    }
    String repository = WasteScript.repository(runId);
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      try (PreparedStatement s = c.prepareStatement(FINDINGS)) {
        s.setString(1, repository);
        s.setString(2, "chaos-" + runId + "-");
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            boolean byPullRequest = rs.getString(4).equals(repository);
            Fault fault = byPullRequest ? phase(rs.getLong(5)) : byLoopSession.get(rs.getString(3));
            if (fault != null) {
              outcomes
                  .get(fault)
                  .findings()
                  .put(
                      rs.getString(1) + (byPullRequest ? " pr" : " loop"),
                      String.format(
                          Locale.ROOT,
                          "v%d tokens %d cost %.6f %s",
                          rs.getLong(2),
                          rs.getLong(6),
                          rs.getDouble(7),
                          rs.getString(8)));
            }
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement(ATTRIBUTIONS)) {
        s.setString(1, repository);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Fault fault = phase(rs.getLong(1));
            if (fault != null) {
              outcomes
                  .get(fault)
                  .attributions()
                  .put(
                      "pr_attribution pr",
                      String.format(
                          Locale.ROOT,
                          "%s%s%s requests %d tokens %d/%d/%d/%d exact %d inferred %d cost %.6f"
                              + " sessions %d engineers %d",
                          rs.getString(2),
                          rs.getBoolean(3) ? " finalized" : "",
                          rs.getBoolean(4) ? " merged" : "",
                          rs.getLong(5),
                          rs.getLong(6),
                          rs.getLong(7),
                          rs.getLong(8),
                          rs.getLong(9),
                          rs.getLong(10),
                          rs.getLong(11),
                          rs.getDouble(12),
                          rs.getLong(13),
                          rs.getLong(14)));
            }
          }
        }
      }
    }
    return outcomes;
  }

  /** The phase whose scripted pull request has this number (its position plus one). */
  private Fault phase(long number) {
    return number >= 1 && number <= phases.size() ? phases.get((int) number - 1) : null;
  }
}
