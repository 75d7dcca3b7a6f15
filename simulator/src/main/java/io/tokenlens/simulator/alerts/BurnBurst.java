package io.tokenlens.simulator.alerts;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.simulator.budget.TeamSpend;
import io.tokenlens.simulator.model.SessionShapes;
import io.tokenlens.simulator.model.SessionWriter;
import io.tokenlens.simulator.model.SimulationContext;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.waste.WastePlanter;
import io.tokenlens.streams.alerts.Baseline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Plants one burst of anomalous burn: in one hour, one team's engineers start agentic sessions on
 * the largest model (ordinary work, shipped as pull requests) until the team's spend in that hour
 * is {@link #THRESHOLD_MULTIPLE} times what the burn rule would alert at ({@link BurnModel}). The
 * hour is the latest of the team's hours with spend that has a baseline of enough observations
 * behind it and another hour of the team's spend after it late enough to close it by stream time
 * (its end, the grace and an hour), and that the replay's {@link ReplayHorizon} closes. The team is
 * drawn from those that have such an hour; the CI team never.
 */
public final class BurnBurst {
  /** How far above the alert threshold the burst hour lands. */
  static final double THRESHOLD_MULTIPLE = 2.0;

  /** The burst runs on the largest model: a team-wide batch job on it is what bursts a bill. */
  static final String MODEL = "claude-opus-4-1";

  /** Sessions start in the hour's first half, so that they end inside it. */
  private static final long START_SPREAD_SECONDS = 1_800;

  /**
   * One planted burst.
   *
   * @param team the team whose hour bursts
   * @param hour the hour's start (UTC)
   * @param usualUsd the team's spend in that hour without the burst
   * @param thresholdUsd the spend from which the hour alerts, before the burst
   * @param addedUsd the spend the burst added
   */
  public record Planted(
      String team, Instant hour, double usualUsd, double thresholdUsd, double addedUsd) {}

  private final BurnModel model;
  private final TeamSpend spend;

  public BurnBurst(BurnModel model, TeamSpend spend) {
    this.model = model;
    this.spend = spend;
  }

  /** Plants the burst into {@code ctx}'s timeline; empty when no team has a suitable hour. */
  public Optional<Planted> plant(SimulationContext ctx, Instant end) {
    List<Candidate> candidates = new ArrayList<>();
    Instant horizon = ReplayHorizon.of(ctx.timeline().events());
    spend
        .hourly(ctx.timeline())
        .forEach(
            (team, hours) -> {
              if (!team.equals(Organisation.CI_TEAM)) {
                candidate(team, hours, end, horizon).ifPresent(candidates::add);
              }
            });
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Candidate c = candidates.get(ctx.random().nextInt(candidates.size()));
    double target = THRESHOLD_MULTIPLE * c.threshold() - c.usual();
    double added = burst(ctx, c, target);
    return Optional.of(new Planted(c.team(), c.hour(), c.usual(), c.threshold(), added));
  }

  private record Candidate(String team, Instant hour, double usual, double threshold) {}

  private Optional<Candidate> candidate(
      String team, NavigableMap<Instant, Double> hours, Instant end, Instant horizon) {
    Duration closedBy = Duration.ofHours(2).plus(model.settings().burnGrace());
    Instant lastActivity = hours.isEmpty() ? null : hours.lastKey();
    for (Instant hour : hours.descendingKeySet()) {
      if (hour.plus(closedBy).isAfter(lastActivity)
          || hour.plus(closedBy).isAfter(end)
          || !model.isDecided(hour, horizon)) {
        continue;
      }
      Baseline baseline = model.baselineAt(hours, hour);
      if (baseline != null && baseline.observations() >= model.settings().burnMinWeeks()) {
        return Optional.of(
            new Candidate(team, hour, hours.get(hour), baseline.threshold(model.settings())));
      }
    }
    return Optional.empty();
  }

  /**
   * Agentic sessions of the team's engineers in the hour until they cost {@code target}; each
   * engineer's sessions on one branch, shipped as one pull request after the last.
   */
  private double burst(SimulationContext ctx, Candidate c, double target) {
    List<Engineer> members =
        ctx.organisation().engineers().stream().filter(e -> e.team().equals(c.team())).toList();
    List<Engineer> usual = members.stream().filter(Engineer::usual).toList();
    List<Engineer> team = usual.isEmpty() ? members : usual;
    List<Engineer> working = team.stream().filter(e -> e.isWorking(c.hour())).toList();
    List<Engineer> who = working.isEmpty() ? team : working;
    Map<Engineer, SessionWriter> last = new LinkedHashMap<>();
    double added = 0;
    for (int n = 0; added < target; n++) {
      Engineer engineer = who.get(n % who.size());
      Instant start = c.hour().plusSeconds(ctx.random().nextLong(START_SPREAD_SECONDS));
      int mark = ctx.timeline().eventCount();
      SessionWriter w =
          ctx.session(
              engineer, "feature/" + engineer.id() + "-batch-" + c.hour().getEpochSecond(), start);
      SessionShapes.agentic(ctx, w, 8 + ctx.random().nextInt(20), MODEL);
      added += costSince(ctx, mark);
      last.merge(engineer, w, (a, b) -> a.now().isAfter(b.now()) ? a : b);
    }
    last.values()
        .forEach(w -> WastePlanter.ship(ctx, w.engineer(), w.repository(), w.branch(), w.now()));
    return added;
  }

  private double costSince(SimulationContext ctx, int mark) {
    return ctx.timeline().eventsSince(mark).stream()
        .filter(e -> e.value() instanceof TokenUsage)
        .mapToDouble(e -> spend.costUsd((TokenUsage) e.value()))
        .sum();
  }

  /**
   * The team hours a replay should alert on, by the model, once the burst is in the timeline: the
   * anomalous hours it decides ({@link BurnModel#isDecided}, by the replay's {@link
   * ReplayHorizon}).
   */
  public static Map<String, List<Instant>> expectedAlerts(
      BurnModel model, Map<String, NavigableMap<Instant, Double>> hourly, Instant horizon) {
    TreeMap<String, List<Instant>> alerts = new TreeMap<>();
    hourly.forEach(
        (team, hours) -> {
          List<Instant> anomalous = model.decidedAnomalousHours(hours, horizon);
          if (!anomalous.isEmpty()) {
            alerts.put(team, anomalous);
          }
        });
    return alerts;
  }
}
