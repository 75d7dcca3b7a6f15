package io.tokenlens.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GateRepositoriesTest {
  static final Instant AT = Instant.parse("2026-12-03T09:00:00Z");

  /** Three engineers in one team: no planted usage, two team repositories. */
  private final Organisation organisation = Organisation.generate(3, 3, 1);

  private final Engineer engineer = organisation.engineers().get(0);
  private final SimulationContext ctx =
      new SimulationContext(organisation, 3, AT.plus(Duration.ofDays(5)));

  private String otherTeamRepository() {
    return organisation.repositories().stream()
        .filter(r -> r.startsWith("acme/repo-") && !r.equals(engineer.repository()))
        .findFirst()
        .orElseThrow();
  }

  private void merge(String repository, int count, Instant mergedAt) {
    merge(ctx, repository, count, mergedAt);
  }

  private static void merge(SimulationContext ctx, String repository, int count, Instant mergedAt) {
    Engineer author = ctx.organisation().engineers().get(0);
    for (int i = 0; i < count; i++) {
      PullRequestFlow.Opened pr =
          ctx.prs()
              .open(repository, "feature/x-" + i, author.id(), mergedAt.minusSeconds(600), 10, 1);
      ctx.prs()
          .review(pr, ctx.reviewerFor(author), ReviewState.APPROVED, mergedAt.minusSeconds(300));
      ctx.prs().merge(pr, mergedAt);
    }
  }

  @Test
  void shouldOfferTheEngineersRepositoryOnceItHasFifteenMergesBefore() {
    merge(engineer.repository(), 14, AT.minusSeconds(3_600));
    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT)).isEmpty();

    merge(engineer.repository(), 1, AT.minusSeconds(3_600));
    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT))
        .contains(engineer.repository());
  }

  @Test
  void shouldNotCountMergesAfterTheInstant() {
    merge(engineer.repository(), 20, AT.plusSeconds(60));

    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT)).isEmpty();
  }

  @Test
  void shouldNeedFifteenMoreMergesForEachHeavyMergeTaken() {
    merge(engineer.repository(), 29, AT.minusSeconds(3_600));
    ctx.gateRepositories().take(engineer.repository());
    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT)).isEmpty();

    merge(engineer.repository(), 1, AT.minusSeconds(3_600));
    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT))
        .contains(engineer.repository());
  }

  @Test
  void shouldOfferAnotherTeamRepositoryWhenTheEngineersHasNoRoom() {
    merge(otherTeamRepository(), 15, AT.minusSeconds(3_600));
    merge(Organisation.INFRA, 40, AT.minusSeconds(3_600));

    assertThat(ctx.gateRepositories().withRoom(ctx.timeline(), engineer, AT))
        .contains(otherTeamRepository());
  }

  @Test
  void shouldCountAHeavyUsersWeekLongBranchAsAHeavyMergeFromTheStart() {
    Organisation withHeavyUser = Organisation.generate(3, 20, 2);
    Engineer heavy =
        withHeavyUser.engineers().stream()
            .filter(e -> e.usage() == Usage.HEAVY_LOW_OUTPUT)
            .findFirst()
            .orElseThrow();
    SimulationContext heavyCtx =
        new SimulationContext(withHeavyUser, 3, AT.plus(Duration.ofDays(5)));
    merge(heavyCtx, heavy.repository(), 29, AT.minusSeconds(3_600));
    assertThat(heavyCtx.gateRepositories().withRoom(heavyCtx.timeline(), heavy, AT)).isEmpty();

    merge(heavyCtx, heavy.repository(), 1, AT.minusSeconds(3_600));
    assertThat(heavyCtx.gateRepositories().withRoom(heavyCtx.timeline(), heavy, AT))
        .contains(heavy.repository());
  }
}
