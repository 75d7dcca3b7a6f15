package io.tokenlens.simulator.waste;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The baseline rejects 7% of proposed edits, each independently, so among the thousands of edit
 * decisions of an evaluation run a session can reject four of five by chance: DISCARDED_OUTPUT's
 * thresholds (5 decisions within 30 minutes, 80% of them rejected) on work nobody planted. These
 * runs, found from the simulated traffic alone, are the evaluation's unlabelled false positives of
 * the pattern (docs/evaluation.md, runs A–D: five simulated days ending 2026-12-05T12:00Z, waste
 * rate 0.5).
 */
class ChanceDiscardedOutputTest {
  private static final Instant END = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void shouldHoldTheOneChanceRunThatRunCReportedAsItsFalsePositive() {
    assertThat(chanceRuns(1, 60, 6))
        .containsExactly(
            "eng-0028@acme.example 2026-12-01T21:30:46.845Z to 2026-12-01T21:35:21.802Z: 4 of 5");
  }

  @Test
  void shouldHoldTheOneChanceRunThatRunDReportedAsItsFalsePositive() {
    assertThat(chanceRuns(7, 60, 6))
        .containsExactly(
            "eng-0045@acme.example 2026-12-04T11:57:28.294Z to 2026-12-04T12:05:40.245Z: 4 of 5");
  }

  /**
   * Each session's first run of edit decisions that reaches DISCARDED_OUTPUT's default thresholds,
   * outside the planted occurrences of the pattern: who, the first and last decision, and how many
   * were rejected.
   */
  private static List<String> chanceRuns(long seed, int engineers, int teams) {
    Timeline timeline =
        Simulation.run(Organisation.generate(seed, engineers, teams), seed, 5, END, 0.5, true);
    Set<String> planted =
        timeline.labels().stream()
            .filter(l -> l.pattern() == Pattern.DISCARDED_OUTPUT && l.kind() == LabelKind.PLANTED)
            .map(Label::sessionId)
            .collect(Collectors.toSet());
    return new Signals(timeline.events())
        .discardedRuns(5, 0.8, PlantersTest.DISCARD_WINDOW).entrySet().stream()
            .filter(run -> !planted.contains(run.getKey()))
            .map(run -> describe(run.getValue()))
            .toList();
  }

  private static String describe(List<AgentActivity> run) {
    long rejected = run.stream().filter(d -> d.getDecision() == ToolDecision.REJECT).count();
    return run.get(0).getUserEmail()
        + " "
        + run.get(0).getOccurredAt()
        + " to "
        + run.get(run.size() - 1).getOccurredAt()
        + ": "
        + rejected
        + " of "
        + run.size();
  }
}
