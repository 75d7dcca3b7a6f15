package io.tokenlens.simulator.model;

import io.tokenlens.fixtures.PullRequestReviews;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Pull requests as GitHub reports them: a push to the branch, {@code opened}, a review, then {@code
 * closed} merged or unmerged. Numbers count up per repository. Event ids are {@code
 * github:<delivery>}, as ingest derives them.
 */
public final class PullRequestFlow {
  private final Timeline timeline;
  private final Ids ids;
  private final Map<String, Long> numbers = new HashMap<>();

  public PullRequestFlow(Timeline timeline, Ids ids) {
    this.timeline = timeline;
    this.ids = ids;
  }

  /** One opened pull request. */
  public record Opened(
      String repository,
      long number,
      String branch,
      String author,
      Instant openedAt,
      String headSha) {}

  /** Pushes the branch and opens a pull request for it. */
  public Opened open(
      String repository, String branch, String author, Instant at, int additions, int deletions) {
    long number = numbers.merge(repository, 1L, Long::sum);
    String head = ids.sha();
    timeline.push(
        new Push(ids.uuid(), repository, branch, ids.sha(), head, author, at.minusSeconds(30)));
    Opened pr = new Opened(repository, number, branch, author, at, head);
    timeline.add(
        Topics.PR_EVENTS, base(pr, at).createdAt(at).size(additions, deletions).build(), at);
    return pr;
  }

  public void review(Opened pr, String reviewer, ReviewState state, Instant at) {
    String delivery = ids.uuid();
    timeline.add(
        Topics.PR_REVIEWS,
        PullRequestReviews.anApproval()
            .eventId("github:" + delivery)
            .at(at)
            .with(b -> b.setDeliveryId(delivery).setReviewId(ids.uuid()).setCommitSha(pr.headSha()))
            .pullRequest(pr.repository(), pr.number())
            .reviewer(reviewer)
            .author(pr.author())
            .state(state)
            .build(),
        at);
  }

  public void merge(Opened pr, Instant at) {
    timeline.add(
        Topics.PR_EVENTS,
        base(pr, at)
            .createdAt(pr.openedAt())
            .merged(at)
            .with(b -> b.setMergeCommitSha(ids.sha()))
            .build(),
        at);
  }

  public void closeUnmerged(Opened pr, Instant at) {
    timeline.add(
        Topics.PR_EVENTS, base(pr, at).createdAt(pr.openedAt()).closedWithoutMerge(at).build(), at);
  }

  private PullRequests.Builder base(Opened pr, Instant at) {
    String delivery = ids.uuid();
    return PullRequests.anOpenedPr()
        .eventId("github:" + delivery)
        .at(at)
        .with(
            b ->
                b.setDeliveryId(delivery)
                    .setHeadSha(pr.headSha())
                    .setTitle("Change " + pr.branch()))
        .repository(pr.repository())
        .number(pr.number())
        .branch(pr.branch())
        .author(pr.author());
  }

  /** Merged pull request events (for tests and the evaluation). */
  public static boolean isMerge(PullRequestEvent e) {
    return Boolean.TRUE.equals(e.getMerged());
  }
}
