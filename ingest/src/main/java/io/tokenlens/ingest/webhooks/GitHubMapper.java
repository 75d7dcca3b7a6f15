package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PrState;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.ReviewState;
import io.tokenlens.schemas.avro.ScmProvider;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub webhook payloads to records: {@code pull_request} → {@link PullRequestEvent} (a merge is
 * {@code closed} with {@code merged: true}), {@code pull_request_review} → {@link
 * PullRequestReview}, {@code push} → {@link CodePush} (the pusher is {@code sender.login}). Other
 * events (and {@code ping}) map to nothing. The event id is {@code github:<X-GitHub-Delivery>},
 * identical on a redelivery. Titles are kept, bodies never.
 */
public final class GitHubMapper {
  private GitHubMapper() {}

  /**
   * The records of one delivery; empty for events tokenlens does not use. Throws {@link
   * WebhookMappingException}.
   */
  public static List<PendingRecord<?>> map(
      String event, String deliveryId, JsonNode payload, Instant acceptedAt) {
    return switch (event) {
      case "pull_request" ->
          List.of(
              new PendingRecord<>(Topics.PR_EVENTS, pullRequest(deliveryId, payload, acceptedAt)));
      case "pull_request_review" ->
          List.of(new PendingRecord<>(Topics.PR_REVIEWS, review(deliveryId, payload, acceptedAt)));
      case "push" ->
          List.of(new PendingRecord<>(Topics.CODE_PUSHES, push(deliveryId, payload, acceptedAt)));
      default -> List.of();
    };
  }

  static CodePush push(String deliveryId, JsonNode payload, Instant acceptedAt) {
    String pusher = Payloads.text(payload.path("sender"), "login");
    if (pusher == null) {
      pusher = Payloads.requiredText(payload.path("pusher"), "name", "sender.login or pusher.name");
    }
    return PushMapper.map(
        ScmProvider.GITHUB,
        "github:" + deliveryId,
        deliveryId,
        repository(payload),
        pusher,
        null,
        payload,
        acceptedAt);
  }

  static PullRequestEvent pullRequest(String deliveryId, JsonNode payload, Instant acceptedAt) {
    String rawAction = Payloads.text(payload, "action");
    JsonNode pr = Payloads.requiredObject(payload, "pull_request", "pull_request");
    boolean merged = pr.path("merged").asBoolean(false);
    String prState = Payloads.text(pr, "state");
    PrState state =
        merged
            ? PrState.MERGED
            : "closed".equals(prState)
                ? PrState.CLOSED
                : "open".equals(prState) ? PrState.OPEN : PrState.UNKNOWN;
    PrAction action =
        switch (rawAction == null ? "" : rawAction) {
          case "opened" -> PrAction.OPENED;
          case "reopened" -> PrAction.REOPENED;
          case "synchronize" -> PrAction.SYNCHRONIZED;
          case "edited" -> PrAction.EDITED;
          case "ready_for_review" -> PrAction.READY_FOR_REVIEW;
          case "converted_to_draft" -> PrAction.CONVERTED_TO_DRAFT;
          case "closed" -> merged ? PrAction.MERGED : PrAction.CLOSED;
          default -> PrAction.UNKNOWN;
        };
    List<String> labels = new ArrayList<>();
    pr.path("labels")
        .forEach(l -> Optional.ofNullable(Payloads.text(l, "name")).ifPresent(labels::add));
    Instant updated = Payloads.isoTime(pr, "updated_at");
    return PullRequestEvent.newBuilder()
        .setEventId("github:" + deliveryId)
        .setOccurredAt(updated != null ? updated : acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITHUB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(Payloads.requiredLong(pr, "number", "number"))
        .setProviderId(Payloads.text(pr, "node_id"))
        .setUrl(Payloads.text(pr, "html_url"))
        .setAction(action)
        .setRawAction(rawAction)
        .setState(state)
        .setMerged(merged)
        .setDraft(pr.path("draft").asBoolean(false))
        .setTitle(Payloads.text(pr, "title"))
        .setBranch(Payloads.requiredText(pr.path("head"), "ref", "pull_request.head.ref"))
        .setBaseBranch(Payloads.requiredText(pr.path("base"), "ref", "pull_request.base.ref"))
        .setAuthorLogin(Payloads.requiredText(pr.path("user"), "login", "pull_request.user.login"))
        .setCreatedAt(Payloads.isoTime(pr, "created_at"))
        .setMergedAt(Payloads.isoTime(pr, "merged_at"))
        .setClosedAt(Payloads.isoTime(pr, "closed_at"))
        .setHeadSha(Payloads.text(pr.path("head"), "sha"))
        .setBaseSha(Payloads.text(pr.path("base"), "sha"))
        .setMergeCommitSha(merged ? Payloads.text(pr, "merge_commit_sha") : null)
        .setCommitShas(List.of())
        .setAdditions(Payloads.integer(pr, "additions"))
        .setDeletions(Payloads.integer(pr, "deletions"))
        .setChangedFiles(Payloads.integer(pr, "changed_files"))
        .setCommitCount(Payloads.integer(pr, "commits"))
        .setLabels(labels)
        .build();
  }

  static PullRequestReview review(String deliveryId, JsonNode payload, Instant acceptedAt) {
    JsonNode review = Payloads.requiredObject(payload, "review", "review");
    JsonNode pr = Payloads.requiredObject(payload, "pull_request", "pull_request");
    String rawState = Payloads.text(review, "state");
    ReviewState state = ReviewState.UNKNOWN;
    if (rawState != null) {
      for (ReviewState s : ReviewState.values()) {
        if (s.name().equals(rawState.toUpperCase(Locale.ROOT))) {
          state = s;
        }
      }
    }
    Instant submitted = Payloads.isoTime(review, "submitted_at");
    return PullRequestReview.newBuilder()
        .setEventId("github:" + deliveryId)
        .setOccurredAt(submitted != null ? submitted : acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITHUB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(Payloads.requiredLong(pr, "number", "number"))
        .setReviewId(Payloads.requiredText(review, "id", "review.id"))
        .setUrl(Payloads.text(review, "html_url"))
        .setRawAction(Payloads.text(payload, "action"))
        .setState(state)
        .setReviewerLogin(Payloads.requiredText(review.path("user"), "login", "review.user.login"))
        .setPullRequestAuthorLogin(Payloads.text(pr.path("user"), "login"))
        .setCommitSha(Payloads.text(review, "commit_id"))
        .setSubmittedAt(submitted)
        .build();
  }

  private static String repository(JsonNode payload) {
    String name =
        Repositories.normalise(
            Payloads.requiredText(payload.path("repository"), "full_name", "repository.full_name"));
    if (name == null) {
      throw new WebhookMappingException("repository.full_name is not owner/name");
    }
    return name;
  }
}
