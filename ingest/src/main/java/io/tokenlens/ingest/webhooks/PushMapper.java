package io.tokenlens.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.ScmProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GitHub {@code push} and GitLab {@code Push Hook} payloads to a {@link CodePush}. Both send {@code
 * ref}, {@code before}, {@code after} and up to 20 {@code commits} with {@code id}, {@code
 * timestamp} and {@code author.email}; an all-zero sha means the ref was created ({@code before})
 * or deleted ({@code after}). Commit messages are never kept: only the ids of the commits they
 * revert ({@link RevertedCommits}). The event time is the newest commit's timestamp, else the
 * accept time.
 */
final class PushMapper {
  private static final String ZERO_SHA = "0000000000000000000000000000000000000000";
  private static final String BRANCH_PREFIX = "refs/heads/";

  private PushMapper() {}

  /**
   * @param pusherLogin who pushed, as the provider names them
   * @param commitCount how many commits the push carried (may exceed the commits listed)
   */
  static CodePush map(
      ScmProvider provider,
      String eventId,
      String deliveryId,
      String repository,
      String pusherLogin,
      Integer commitCount,
      JsonNode payload,
      Instant acceptedAt) {
    String ref = Payloads.requiredText(payload, "ref", "ref");
    String before = sha(Payloads.text(payload, "before"));
    String after = sha(Payloads.text(payload, "after"));
    List<String> shas = new ArrayList<>();
    Set<String> emails = new LinkedHashSet<>();
    Set<String> reverted = new LinkedHashSet<>();
    Instant newest = null;
    for (JsonNode commit : payload.path("commits")) {
      String id = Payloads.text(commit, "id");
      if (id != null) {
        shas.add(id);
      }
      String email = Payloads.text(commit.path("author"), "email");
      if (email != null && !email.isBlank()) {
        emails.add(email.trim().toLowerCase(Locale.ROOT));
      }
      RevertedCommits.addReverted(Payloads.text(commit, "message"), reverted);
      Instant at = commitTime(commit);
      if (at != null && (newest == null || at.isAfter(newest))) {
        newest = at;
      }
    }
    return CodePush.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(newest != null ? newest : acceptedAt)
        .setAcceptedAt(acceptedAt)
        .setProvider(provider)
        .setDeliveryId(deliveryId)
        .setRepository(repository)
        .setBranch(ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : null)
        .setRef(ref)
        .setBeforeSha(before)
        .setAfterSha(after)
        .setPusherLogin(pusherLogin)
        .setCommitShas(shas)
        .setCommitAuthorEmails(List.copyOf(emails))
        .setCommitCount(commitCount != null ? commitCount : shas.size())
        .setCreated(payload.path("created").asBoolean(before == null))
        .setDeleted(payload.path("deleted").asBoolean(after == null))
        .setForced(payload.path("forced").asBoolean(false))
        .setRevertedCommitIds(List.copyOf(reverted))
        .build();
  }

  /**
   * A commit's timestamp ({@code 2015-05-05T19:40:15-04:00}); null when absent or unreadable (it
   * only orders).
   */
  private static Instant commitTime(JsonNode commit) {
    try {
      return Payloads.isoTime(commit, "timestamp");
    } catch (WebhookMappingException e) {
      return null;
    }
  }

  /** Null for a missing or all-zero sha (the ref did not exist on that side of the push). */
  private static String sha(String value) {
    return value == null || value.isBlank() || ZERO_SHA.equals(value) ? null : value;
  }
}
