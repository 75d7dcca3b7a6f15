package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.publish.PendingRecord;
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
 * GitHub webhook payloads to records: {@code pull_request} → {@link PullRequestEvent} (a merge is {@code closed}
 * with {@code merged: true}), {@code pull_request_review} → {@link PullRequestReview}. Other events (and
 * {@code ping}) map to nothing. The event id is {@code github:<X-GitHub-Delivery>}, identical on a redelivery.
 * Titles are kept, bodies never.
 */
public final class GitHubMapper {
  private GitHubMapper() {
  }

  /** The records of one delivery; empty for events tokenlens does not use. Throws {@link WebhookMappingException}. */
  public static List<PendingRecord<?>> map(String event, String deliveryId, JsonNode payload, Instant acceptedAt) {
    return switch (event) {
      case "pull_request" -> List.of(new PendingRecord<>(Topics.PR_EVENTS, pullRequest(deliveryId, payload, acceptedAt)));
      case "pull_request_review" -> List.of(new PendingRecord<>(Topics.PR_REVIEWS, review(deliveryId, payload, acceptedAt)));
      default -> List.of();
    };
  }

  static PullRequestEvent pullRequest(String deliveryId, JsonNode payload, Instant acceptedAt) {
    String rawAction = text(payload, "action");
    JsonNode pr = required(payload, "pull_request");
    boolean merged = pr.path("merged").asBoolean(false);
    String prState = text(pr, "state");
    PrState state = merged ? PrState.MERGED : "closed".equals(prState) ? PrState.CLOSED
        : "open".equals(prState) ? PrState.OPEN : PrState.UNKNOWN;
    PrAction action = switch (rawAction == null ? "" : rawAction) {
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
    pr.path("labels").forEach(l -> Optional.ofNullable(text(l, "name")).ifPresent(labels::add));
    Instant updated = time(pr, "updated_at");
    return PullRequestEvent.newBuilder()
        .setEventId("github:" + deliveryId)
        .setOccurredAt(updated != null ? updated : acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITHUB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(requiredLong(pr, "number"))
        .setProviderId(text(pr, "node_id"))
        .setUrl(text(pr, "html_url"))
        .setAction(action)
        .setRawAction(rawAction)
        .setState(state)
        .setMerged(merged)
        .setDraft(pr.path("draft").asBoolean(false))
        .setTitle(text(pr, "title"))
        .setBranch(requiredText(pr.path("head"), "ref", "pull_request.head.ref"))
        .setBaseBranch(requiredText(pr.path("base"), "ref", "pull_request.base.ref"))
        .setAuthorLogin(requiredText(pr.path("user"), "login", "pull_request.user.login"))
        .setCreatedAt(time(pr, "created_at"))
        .setMergedAt(time(pr, "merged_at"))
        .setClosedAt(time(pr, "closed_at"))
        .setHeadSha(text(pr.path("head"), "sha"))
        .setBaseSha(text(pr.path("base"), "sha"))
        .setMergeCommitSha(merged ? text(pr, "merge_commit_sha") : null)
        .setCommitShas(List.of())
        .setAdditions(integer(pr, "additions"))
        .setDeletions(integer(pr, "deletions"))
        .setChangedFiles(integer(pr, "changed_files"))
        .setCommitCount(integer(pr, "commits"))
        .setLabels(labels)
        .build();
  }

  static PullRequestReview review(String deliveryId, JsonNode payload, Instant acceptedAt) {
    JsonNode review = required(payload, "review");
    JsonNode pr = required(payload, "pull_request");
    String rawState = text(review, "state");
    ReviewState state = ReviewState.UNKNOWN;
    if (rawState != null) {
      for (ReviewState s : ReviewState.values()) {
        if (s.name().equals(rawState.toUpperCase(Locale.ROOT))) {
          state = s;
        }
      }
    }
    Instant submitted = time(review, "submitted_at");
    return PullRequestReview.newBuilder()
        .setEventId("github:" + deliveryId)
        .setOccurredAt(submitted != null ? submitted : acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITHUB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(requiredLong(pr, "number"))
        .setReviewId(requiredText(review, "id", "review.id"))
        .setUrl(text(review, "html_url"))
        .setRawAction(text(payload, "action"))
        .setState(state)
        .setReviewerLogin(requiredText(review.path("user"), "login", "review.user.login"))
        .setPullRequestAuthorLogin(text(pr.path("user"), "login"))
        .setCommitSha(text(review, "commit_id"))
        .setSubmittedAt(submitted)
        .build();
  }

  private static String repository(JsonNode payload) {
    String name = Repositories.normalise(requiredText(payload.path("repository"), "full_name", "repository.full_name"));
    if (name == null) {
      throw new WebhookMappingException("repository.full_name is not owner/name");
    }
    return name;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw new WebhookMappingException(field + ": missing");
    }
    return v;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  private static String requiredText(JsonNode node, String field, String path) {
    String s = text(node, field);
    if (s == null) {
      throw new WebhookMappingException(path + ": missing");
    }
    return s;
  }

  private static long requiredLong(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new WebhookMappingException(field + ": missing or not a number");
    }
    return v.asLong();
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isIntegralNumber() ? null : v.asInt();
  }

  static Instant time(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw new WebhookMappingException(field + ": '" + s + "' is not an ISO-8601 time");
    }
  }
}
