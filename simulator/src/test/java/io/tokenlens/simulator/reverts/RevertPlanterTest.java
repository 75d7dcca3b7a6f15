package io.tokenlens.simulator.reverts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.Push;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.waste.LabelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevertPlanterTest {
  private static final Instant END = Instant.parse("2026-12-03T00:00:00Z");

  private static Timeline simulate(long seed, int engineers) {
    return Simulation.run(Organisation.generate(seed, engineers, 4), seed, 2, END, 0.2, true);
  }

  private static Map<String, PullRequestEvent> merges(Timeline timeline) {
    Map<String, PullRequestEvent> merges = new HashMap<>();
    for (GeneratedEvent e : timeline.events()) {
      if (e.value() instanceof PullRequestEvent pr && PullRequestFlow.isMerge(pr)) {
        merges.put(pr.getRepository() + "#" + pr.getNumber(), pr);
      }
    }
    return merges;
  }

  @Test
  void shouldRevertAFewMergesOnTheirBaseBranchAndAsManyOnlyOnARevertBranch() {
    for (long seed = 1; seed <= 6; seed++) {
      Timeline timeline = simulate(seed, 40);
      Map<String, PullRequestEvent> merges = merges(timeline);
      List<PlantedRevert> reverts = timeline.reverts();
      long planted = reverts.stream().filter(r -> r.kind() == LabelKind.PLANTED).count();
      long lookAlikes = reverts.stream().filter(r -> r.kind() == LabelKind.LOOK_ALIKE).count();

      assertThat(planted)
          .as("seed %d: a share of %d merges", seed, merges.size())
          .isEqualTo(Math.max(1, Math.round(RevertPlanter.REVERTED_SHARE * merges.size())));
      assertThat(lookAlikes).as("seed %d", seed).isEqualTo(planted);
      assertThat(reverts.stream().map(PlantedRevert::pullRequest).distinct())
          .as("one revert per pull request")
          .hasSize(reverts.size());
      for (PlantedRevert r : reverts) {
        PullRequestEvent merge = merges.get(r.pullRequest());
        assertThat(r.mergeCommitSha()).isEqualTo(merge.getMergeCommitSha());
        assertThat(r.branch())
            .isEqualTo(
                r.kind() == LabelKind.PLANTED
                    ? merge.getBaseBranch()
                    : "revert-" + merge.getNumber() + "-" + merge.getBranch());
        assertThat(Duration.between(merge.getMergedAt(), r.revertedAt()))
            .isBetween(Duration.ofHours(2), Duration.ofHours(20));
        assertThat(r.revertedAt()).isBefore(END);
      }
    }
  }

  @Test
  void shouldPushOneCommitWithGitRevertsMessageForEachRevert() {
    Timeline timeline = simulate(3, 30);
    for (PlantedRevert r : timeline.reverts()) {
      List<Push> pushes =
          timeline.pushes().stream()
              .filter(p -> p.branch().equals(r.branch()) && p.at().equals(r.revertedAt()))
              .toList();
      assertThat(pushes).hasSize(1);
      assertThat(pushes.get(0).message())
          .startsWith("Revert \"")
          .endsWith("\n\nThis reverts commit " + r.mergeCommitSha() + ".\n");
    }
    assertThat(timeline.pushes())
        .filteredOn(p -> p.message().contains("This reverts commit"))
        .hasSameSizeAs(timeline.reverts());
  }

  @Test
  void shouldPlantTheSameRevertsForTheSameSeed() {
    assertThat(simulate(5, 20).reverts()).isNotEmpty().isEqualTo(simulate(5, 20).reverts());
  }
}
