package io.tokenlens.simulator.eval;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.simulator.SimulateOptions;
import io.tokenlens.simulator.SimulationRun;
import io.tokenlens.simulator.alerts.BurnModel;
import io.tokenlens.simulator.alerts.ReplayHorizon;
import io.tokenlens.simulator.budget.TeamSpend;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.waste.Label;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: the pipeline in-process under a fresh topic prefix, the simulated organisation
 * sent through its ingest service, the findings read once they stop arriving, scored against the
 * labels; then the team alerts raised, scored against the budgets and the burn ({@link
 * AlertScore}).
 *
 * @param simulateArgs simulate options; the ingest URL, API key and secrets are the in-process
 *     service's
 * @param replay what the streams job changes for a replay
 */
public record Evaluation(
    EvaluationStack stack,
    List<String> simulateArgs,
    Duration quiet,
    Duration maxWait,
    Path workDir,
    ReplaySettings replay) {

  /** What an evaluation measured. */
  public record Result(
      SimulationRun.Result simulation,
      List<Label> labels,
      List<Finding> findings,
      List<PatternScore> scores,
      List<FalsePositiveRate> falsePositiveRates,
      List<AlertScore> alertScores) {}

  public Result run(PrintStream out) throws Exception {
    try (InProcessPipeline pipeline = InProcessPipeline.start(stack, workDir, replay)) {
      List<String> args = new ArrayList<>(simulateArgs);
      args.addAll(
          List.of(
              "--ingest-url",
              pipeline.ingestUrl(),
              "--api-key",
              pipeline.apiKey(),
              "--github-secret",
              pipeline.githubSecret(),
              "--pagerduty-secret",
              pipeline.pagerdutySecret()));
      SimulateOptions options = SimulateOptions.parse(args.toArray(String[]::new), Map.of());
      SimulationRun.Result simulation = new SimulationRun(options, out).run();
      Duration quietFor = atLeastTheSettle(pipeline);
      out.printf(
          "waiting for findings (quiet for %ds, at most %ds) ...%n",
          quietFor.toSeconds(), maxWait.toSeconds());
      List<Finding> findings =
          new FindingsReader(stack, pipeline.streamsConfig()).readUntilQuiet(quietFor, maxWait);
      List<Label> labels = simulation.timeline().labels();
      List<PatternScore> scores = DetectorScore.score(labels, findings);
      List<BurnAlert> alerts =
          new AlertsReader(stack, pipeline.streamsConfig()).readAll(Duration.ofSeconds(60));
      Timeline timeline = simulation.timeline();
      return new Result(
          simulation,
          labels,
          findings,
          scores,
          FalsePositiveRate.of(labels, findings, scores, options.engineers() * options.days()),
          AlertScore.score(
              simulation.budgets(),
              timeline.plantedBurn(),
              new BurnModel(replay.alertSettings()),
              new TeamSpend(
                      simulation.organisation(), DefaultPrices.load(options.end().toEpochMilli()))
                  .hourly(timeline),
              ReplayHorizon.of(timeline.events()),
              alerts));
    }
  }

  /**
   * The quiet period, and at least the detectors' longest settle time plus {@link
   * #DECISION_MARGIN}: a detector that decides on wall-clock punctuation once its inputs have
   * settled emits only after that, so a shorter quiet period ends the read before its findings
   * come.
   */
  private Duration atLeastTheSettle(InProcessPipeline pipeline) {
    Duration settled = pipeline.streamsConfig().detectors().longestSettle().plus(DECISION_MARGIN);
    return settled.compareTo(quiet) > 0 ? settled : quiet;
  }

  /**
   * Two punctuation intervals of the settle-based detectors (at most 10 s each) after their settle
   * time.
   */
  public static final Duration DECISION_MARGIN = Duration.ofSeconds(20);
}
