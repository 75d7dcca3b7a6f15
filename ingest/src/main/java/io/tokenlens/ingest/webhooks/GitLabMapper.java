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
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab merge request hooks ({@code object_kind: merge_request}, from a project or group webhook's
 * {@code Merge Request Hook} or a system hook) to records. {@code object_attributes.action} {@code
 * open}, {@code reopen}, {@code update}, {@code close} and {@code merge} give a {@link
 * PullRequestEvent}; a close without a merge is CLOSED (abandoned), a {@code merge} is MERGED. An
 * approval ({@code approved}, or {@code approval} while more approvals are required) gives a {@link
 * PullRequestReview} in state APPROVED by the approving user; its withdrawal ({@code unapproved},
 * {@code unapproval}) the same review in state DISMISSED. Approval resets done by GitLab itself
 * ({@code system: true}) name no reviewer and map to nothing, as do other hooks (tag push, note,
 * pipeline, ...). A {@code Push Hook} gives a {@link CodePush} (pusher {@code user_username}).
 * Titles are kept, descriptions never.
 */
public final class GitLabMapper {
  static final String MERGE_REQUEST_HOOK = "Merge Request Hook";
  static final String SYSTEM_HOOK = "System Hook";
  static final String PUSH_HOOK = "Push Hook";
  private static final Set<String> APPROVALS = Set.of("approved", "approval");
  private static final Set<String> UNAPPROVALS = Set.of("unapproved", "unapproval");

  private GitLabMapper() {}

  /**
   * The records of one hook; empty for hooks tokenlens does not use. Throws {@link
   * WebhookMappingException}.
   *
   * @param event the {@code X-Gitlab-Event} header
   * @param eventId the record's event id (the dedup key)
   * @param deliveryId GitLab's delivery id ({@code X-Gitlab-Event-UUID}), may be null
   */
  public static List<PendingRecord<?>> map(
      String event, String eventId, String deliveryId, JsonNode payload, Instant acceptedAt) {
    if (isPush(event, payload)) {
      return List.of(
          new PendingRecord<>(Topics.CODE_PUSHES, push(eventId, deliveryId, payload, acceptedAt)));
    }
    if (!isMergeRequest(event, payload)) {
      return List.of();
    }
    JsonNode attrs = Payloads.requiredObject(payload, "object_attributes", "object_attributes");
    String action = Payloads.text(attrs, "action");
    if (isApprovalChange(action)) {
      if (payload.path("system").asBoolean(false) || attrs.path("system").asBoolean(false)) {
        return List.of();
      }
      return List.of(
          new PendingRecord<>(
              Topics.PR_REVIEWS, review(eventId, deliveryId, payload, attrs, acceptedAt)));
    }
    return List.of(
        new PendingRecord<>(
            Topics.PR_EVENTS, mergeRequest(eventId, deliveryId, payload, attrs, acceptedAt)));
  }

  /** The topic the records of this hook go to (its dead-letter topic takes the unmappable). */
  static Topic<?> targetTopic(JsonNode payload) {
    if ("push".equals(Payloads.text(payload, "object_kind"))) {
      return Topics.CODE_PUSHES;
    }
    return isApprovalChange(Payloads.text(payload.path("object_attributes"), "action"))
        ? Topics.PR_REVIEWS
        : Topics.PR_EVENTS;
  }

  /**
   * A {@code Push Hook} (or a system hook's push event): commits pushed to a branch. Tag pushes are
   * ignored.
   */
  private static boolean isPush(String event, JsonNode payload) {
    String kind = Payloads.text(payload, "object_kind");
    return (PUSH_HOOK.equals(event) || SYSTEM_HOOK.equals(event)) && "push".equals(kind);
  }

  static CodePush push(String eventId, String deliveryId, JsonNode payload, Instant acceptedAt) {
    String pusher = Payloads.text(payload, "user_username");
    if (pusher == null) {
      pusher = Payloads.requiredText(payload, "user_name", "user_username or user_name");
    }
    return PushMapper.map(
        ScmProvider.GITLAB,
        eventId,
        deliveryId,
        repository(payload),
        pusher,
        Payloads.integer(payload, "total_commits_count"),
        payload,
        acceptedAt);
  }

  private static boolean isMergeRequest(String event, JsonNode payload) {
    String kind = Payloads.text(payload, "object_kind");
    if (MERGE_REQUEST_HOOK.equals(event)) {
      if (!"merge_request".equals(kind)) {
        throw new WebhookMappingException(
            "object_kind: '" + kind + "' in a Merge Request Hook, expected merge_request");
      }
      return true;
    }
    return SYSTEM_HOOK.equals(event) && "merge_request".equals(kind);
  }

  private static boolean isApprovalChange(String action) {
    return action != null && (APPROVALS.contains(action) || UNAPPROVALS.contains(action));
  }

  static PullRequestEvent mergeRequest(
      String eventId, String deliveryId, JsonNode payload, JsonNode attrs, Instant acceptedAt) {
    String rawAction = Payloads.text(attrs, "action");
    String rawState = Payloads.text(attrs, "state");
    boolean merged = "merged".equals(rawState) || "merge".equals(rawAction);
    PrState state =
        merged
            ? PrState.MERGED
            : "closed".equals(rawState)
                ? PrState.CLOSED
                : "opened".equals(rawState) || "locked".equals(rawState)
                    ? PrState.OPEN
                    : PrState.UNKNOWN;
    PrAction action =
        switch (rawAction == null ? "" : rawAction) {
          case "open" -> PrAction.OPENED;
          case "reopen" -> PrAction.REOPENED;
          case "update" -> update(payload, attrs);
          case "close" -> merged ? PrAction.MERGED : PrAction.CLOSED;
          case "merge" -> PrAction.MERGED;
          default -> PrAction.UNKNOWN;
        };
    Instant updated = WebhookTimes.gitLab(attrs, "updated_at", "object_attributes.updated_at");
    Instant occurred = updated != null ? updated : acceptedAt;
    boolean closing = "close".equals(rawAction) || "merge".equals(rawAction);
    JsonNode draft = attrs.has("draft") ? attrs.get("draft") : attrs.path("work_in_progress");
    return PullRequestEvent.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(occurred)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITLAB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(Payloads.requiredLong(attrs, "iid", "object_attributes.iid"))
        .setProviderId(Payloads.text(attrs, "id"))
        .setUrl(Payloads.text(attrs, "url"))
        .setAction(action)
        .setRawAction(rawAction)
        .setState(state)
        .setMerged(merged)
        .setDraft(draft.asBoolean(false))
        .setTitle(Payloads.text(attrs, "title"))
        .setBranch(Payloads.requiredText(attrs, "source_branch", "object_attributes.source_branch"))
        .setBaseBranch(
            Payloads.requiredText(attrs, "target_branch", "object_attributes.target_branch"))
        .setAuthorLogin(
            Optional.ofNullable(authorLogin(payload, attrs))
                .orElseThrow(
                    () -> new WebhookMappingException("object_attributes.author_id: missing")))
        .setCreatedAt(WebhookTimes.gitLab(attrs, "created_at", "object_attributes.created_at"))
        .setMergedAt(merged && closing ? occurred : null)
        .setClosedAt(closing ? occurred : null)
        .setHeadSha(Payloads.text(attrs.path("last_commit"), "id"))
        .setMergeCommitSha(merged ? Payloads.text(attrs, "merge_commit_sha") : null)
        .setCommitShas(List.of())
        .setLabels(labels(payload, attrs))
        .build();
  }

  /** {@code update}: new commits ({@code oldrev} present), a draft change, or another edit. */
  private static PrAction update(JsonNode payload, JsonNode attrs) {
    if (Payloads.text(attrs, "oldrev") != null) {
      return PrAction.SYNCHRONIZED;
    }
    JsonNode draft = payload.path("changes").path("draft").path("current");
    if (draft.isBoolean()) {
      return draft.asBoolean() ? PrAction.CONVERTED_TO_DRAFT : PrAction.READY_FOR_REVIEW;
    }
    return PrAction.EDITED;
  }

  static PullRequestReview review(
      String eventId, String deliveryId, JsonNode payload, JsonNode attrs, Instant acceptedAt) {
    String action = Payloads.text(attrs, "action");
    JsonNode user = payload.path("user");
    String reviewer = Payloads.requiredText(user, "username", "user.username");
    String userId = Payloads.text(user, "id");
    return PullRequestReview.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(ScmProvider.GITLAB)
        .setDeliveryId(deliveryId)
        .setRepository(repository(payload))
        .setNumber(Payloads.requiredLong(attrs, "iid", "object_attributes.iid"))
        .setReviewId("approval:" + (userId != null ? userId : reviewer))
        .setUrl(Payloads.text(attrs, "url"))
        .setRawAction(action)
        .setState(APPROVALS.contains(action) ? ReviewState.APPROVED : ReviewState.DISMISSED)
        .setReviewerLogin(reviewer)
        .setPullRequestAuthorLogin(authorLogin(payload, attrs))
        .setCommitSha(Payloads.text(attrs.path("last_commit"), "id"))
        .build();
  }

  /**
   * The author's login. GitLab's hook names the author by id only ({@code author_id}) and the
   * acting user by login ({@code user.username}): the login when the acting user is the author (or
   * opened the merge request, in hooks without {@code user.id}), else {@code
   * gitlab-user-id:<author_id>}; null when neither is known.
   */
  static String authorLogin(JsonNode payload, JsonNode attrs) {
    JsonNode user = payload.path("user");
    String username = Payloads.text(user, "username");
    String userId = Payloads.text(user, "id");
    String authorId = Payloads.text(attrs, "author_id");
    boolean actorIsAuthor =
        authorId != null && authorId.equals(userId)
            || userId == null && "open".equals(Payloads.text(attrs, "action"));
    if (username != null && actorIsAuthor) {
      return username;
    }
    return authorId == null ? null : "gitlab-user-id:" + authorId;
  }

  private static String repository(JsonNode payload) {
    String path =
        Payloads.requiredText(
            payload.path("project"), "path_with_namespace", "project.path_with_namespace");
    String name = Repositories.normalise(path);
    if (name == null) {
      throw new WebhookMappingException(
          "project.path_with_namespace: '" + path + "' is not namespace/name");
    }
    return name;
  }

  private static List<String> labels(JsonNode payload, JsonNode attrs) {
    JsonNode source =
        attrs.path("labels").isArray() ? attrs.path("labels") : payload.path("labels");
    List<String> labels = new ArrayList<>();
    source.forEach(l -> Optional.ofNullable(Payloads.text(l, "title")).ifPresent(labels::add));
    return labels;
  }
}
