package io.tokenlens.simulator.reverts;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.simulator.model.Ids;
import io.tokenlens.simulator.model.PullRequestFlow;
import io.tokenlens.simulator.model.Push;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.waste.LabelKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reverts some merged pull requests once the simulated work is done. A share of the merges ({@link
 * #REVERTED_SHARE}, at least one) is reverted {@value #MIN_HOURS} to {@value #MAX_HOURS} hours
 * after the merge by a push to the pull request's base branch of one commit with {@code git
 * revert}'s message: {@code Revert "<title>"}, a blank line, {@code This reverts commit <merge
 * commit>.}. As many other merges get a look-alike: the same revert pushed, as late, to a branch of
 * its own ({@code revert-<number>-<branch>}, as GitHub's revert button names it) that is never
 * merged, which reverts nothing. A revert due after the end of the simulated time is not planted.
 * It draws from a random stream of its own, so every other event of a seed stays as it was.
 */
public final class RevertPlanter {
  /** Share of the merged pull requests reverted, and share given a look-alike. */
  public static final double REVERTED_SHARE = 0.03;

  static final int MIN_HOURS = 2;
  static final int MAX_HOURS = 20;
  private static final long STREAM = 0x7265766572747321L;

  private RevertPlanter() {}

  /** Plants the reverts of the merges of {@code timeline}, its pushes and their labels. */
  public static void plant(Timeline timeline, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ STREAM);
    Ids ids = new Ids(random);
    List<PullRequestEvent> merges = new ArrayList<>();
    for (GeneratedEvent e : timeline.events()) {
      if (e.value() instanceof PullRequestEvent pr
          && PullRequestFlow.isMerge(pr)
          && pr.getMergeCommitSha() != null) {
        merges.add(pr);
      }
    }
    shuffle(merges, random);
    int wanted =
        merges.isEmpty() ? 0 : Math.max(1, (int) Math.round(REVERTED_SHARE * merges.size()));
    int planted = 0;
    int lookAlikes = 0;
    for (PullRequestEvent pr : merges) {
      if (lookAlikes == wanted) {
        break;
      }
      LabelKind kind = planted < wanted ? LabelKind.PLANTED : LabelKind.LOOK_ALIKE;
      Instant at =
          pr.getMergedAt()
              .plusSeconds(MIN_HOURS * 3_600L + random.nextInt((MAX_HOURS - MIN_HOURS) * 3_600));
      if (!at.isBefore(timeline.end())) {
        continue;
      }
      String branch =
          kind == LabelKind.PLANTED
              ? pr.getBaseBranch()
              : "revert-" + pr.getNumber() + "-" + pr.getBranch();
      timeline.push(
          new Push(
              ids.uuid(),
              pr.getRepository(),
              branch,
              kind == LabelKind.PLANTED ? ids.sha() : pr.getMergeCommitSha(),
              ids.sha(),
              pr.getAuthorLogin(),
              at,
              message(pr)));
      timeline.revert(
          new PlantedRevert(
              pr.getRepository(),
              pr.getNumber(),
              pr.getAuthorLogin(),
              pr.getMergeCommitSha(),
              branch,
              at,
              kind));
      if (kind == LabelKind.PLANTED) {
        planted++;
      } else {
        lookAlikes++;
      }
    }
  }

  /** The message {@code git revert} writes for the pull request's merge commit. */
  static String message(PullRequestEvent pr) {
    return "Revert \""
        + pr.getTitle()
        + "\"\n\nThis reverts commit "
        + pr.getMergeCommitSha()
        + ".\n";
  }

  private static <T> void shuffle(List<T> items, SplittableRandom random) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = items.get(i);
      items.set(i, items.get(j));
      items.set(j, swap);
    }
  }
}
