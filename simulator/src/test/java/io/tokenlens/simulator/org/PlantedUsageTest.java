package io.tokenlens.simulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.simulator.Simulation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlantedUsageTest {
  private static final Instant END = Instant.parse("2026-12-12T00:00:00Z");

  @Test
  void shouldPlantAFewEngineersOfEachProfileFromTheSeedAndNeverTheBot() {
    Organisation organisation = Organisation.generate(3, 300, 8);

    assertThat(organisation.withUsage(Usage.LOW_ADOPTION)).hasSize(9);
    assertThat(organisation.withUsage(Usage.HEAVY_LOW_OUTPUT)).hasSize(15);
    assertThat(organisation.ciBot().usage()).isEqualTo(Usage.USUAL);
    assertThat(Organisation.generate(3, 300, 8).withUsage(Usage.LOW_ADOPTION))
        .isEqualTo(organisation.withUsage(Usage.LOW_ADOPTION));
    assertThat(Organisation.generate(3, 6, 3).withUsage(Usage.HEAVY_LOW_OUTPUT)).hasSize(1);
    assertThat(Organisation.generate(3, 5, 3).engineers()).allMatch(Engineer::usual);
  }

  @Test
  void shouldLeaveTheRestOfTheOrganisationAsItWasWithoutThem() {
    List<Engineer> engineers = Organisation.generate(3, 40, 4).engineers();
    List<Engineer> withoutProfiles = Organisation.generate(3, 5, 4).engineers();

    assertThat(engineers.subList(0, 5))
        .extracting(Engineer::accountId, Engineer::workStart, Engineer::repository)
        .isEqualTo(
            withoutProfiles.stream()
                .map(
                    e ->
                        org.assertj.core.groups.Tuple.tuple(
                            e.accountId(), e.workStart(), e.repository()))
                .toList());
  }

  @Test
  void shouldGiveLowAdoptionTinyUseAndHeavyUsersFewMergesForSeveralTimesTheTokens() {
    Organisation organisation = Organisation.generate(3, 40, 4);
    List<GeneratedEvent> events = Simulation.run(organisation, 3, 14, END, 0.1, true).events();
    String low = organisation.withUsage(Usage.LOW_ADOPTION).get(0);
    String heavy = organisation.withUsage(Usage.HEAVY_LOW_OUTPUT).get(0);
    long[] usual =
        organisation.engineers().stream()
            .filter(Engineer::usual)
            .mapToLong(e -> tokens(events, e.id()))
            .sorted()
            .toArray();
    long median = usual[usual.length / 2];

    assertThat(tokens(events, low)).isLessThan(median / 10);
    assertThat(merges(events, low)).isGreaterThanOrEqualTo(8);
    assertThat(tokens(events, heavy)).isGreaterThan(3 * median);
    assertThat(merges(events, heavy)).isLessThanOrEqualTo(2);
  }

  private static long tokens(List<GeneratedEvent> events, String engineer) {
    return events.stream()
        .filter(
            e ->
                e.value() instanceof TokenUsage u
                    && u.getBranch() != null
                    && u.getBranch().contains("/" + engineer + "-"))
        .map(e -> (TokenUsage) e.value())
        .mapToLong(
            u ->
                u.getInputTokens()
                    + u.getCacheReadTokens()
                    + u.getCacheWriteTokens()
                    + u.getOutputTokens())
        .sum();
  }

  private static long merges(List<GeneratedEvent> events, String engineer) {
    return events.stream()
        .filter(
            e ->
                e.value() instanceof PullRequestEvent p
                    && Boolean.TRUE.equals(p.getMerged())
                    && p.getBranch().startsWith("feature/" + engineer + "-"))
        .count();
  }
}
