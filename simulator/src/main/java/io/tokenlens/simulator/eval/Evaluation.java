package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.SimulateOptions;
import io.tokenlens.simulator.SimulationRun;
import io.tokenlens.simulator.waste.Label;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One evaluation: the pipeline in-process under a fresh topic prefix, the simulated organisation sent through its
 * ingest service, the findings read once they stop arriving, scored against the labels.
 *
 * @param simulateArgs simulate options; the ingest URL, API key and secrets are the in-process service's
 * @param replay what the streams job changes for a replay
 */
public record Evaluation(EvaluationStack stack, List<String> simulateArgs, Duration quiet, Duration maxWait,
    Path workDir, ReplaySettings replay) {

  /** What an evaluation measured. */
  public record Result(SimulationRun.Result simulation, List<Label> labels, List<Finding> findings,
      List<PatternScore> scores, List<FalsePositiveRate> falsePositiveRates) {}

  public Result run(PrintStream out) throws Exception {
    try (InProcessPipeline pipeline = InProcessPipeline.start(stack, workDir, replay)) {
      List<String> args = new ArrayList<>(simulateArgs);
      args.addAll(List.of("--ingest-url", pipeline.ingestUrl(), "--api-key", pipeline.apiKey(), "--github-secret",
          pipeline.githubSecret(), "--pagerduty-secret", pipeline.pagerdutySecret()));
      SimulateOptions options = SimulateOptions.parse(args.toArray(String[]::new), Map.of());
      SimulationRun.Result simulation = new SimulationRun(options, out).run();
      out.printf("waiting for findings (quiet for %ds, at most %ds) ...%n", quiet.toSeconds(), maxWait.toSeconds());
      List<Finding> findings = new FindingsReader(stack, pipeline.streamsConfig()).readUntilQuiet(quiet, maxWait);
      List<Label> labels = simulation.timeline().labels();
      List<PatternScore> scores = DetectorScore.score(labels, findings);
      return new Result(simulation, labels, findings, scores,
          FalsePositiveRate.of(labels, findings, scores, options.engineers() * options.days()));
    }
  }
}
