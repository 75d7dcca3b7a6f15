package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.topics.RecordKeys;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The review side of UNAPPROVED_AI_HEAVY_MERGE, on {@code pr-reviews} (keyed by repository):
 * records each approving review of a pull request with the time it was submitted, and forgets one
 * that is dismissed. Other reviews (comments, requested changes) do not approve a merge. Emits
 * nothing.
 */
public final class ApprovalRecorder implements Processor<String, PullRequestReview, Void, Void> {

  public static final String NAME = "detect-record-approvals";

  private MergeGateStores stores;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    stores = new MergeGateStores(context);
  }

  @Override
  public void process(Record<String, PullRequestReview> record) {
    PullRequestReview review = record.value();
    String pr = RecordKeys.pullRequest(review.getRepository(), review.getNumber());
    switch (review.getState()) {
      case APPROVED ->
          stores.approve(
              pr,
              review.getReviewId(),
              (review.getSubmittedAt() != null ? review.getSubmittedAt() : review.getOccurredAt())
                  .toEpochMilli());
      case DISMISSED -> stores.withdraw(pr, review.getReviewId());
      default -> {} // a comment or a request for changes approves nothing
    }
  }
}
