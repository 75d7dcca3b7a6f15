package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabMapperTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOOK = GitLabMapper.MERGE_REQUEST_HOOK;

  private static List<PendingRecord<?>> map(String event, String payload) throws Exception {
    return GitLabMapper.map(event, "gitlab:key-1", "uuid-1", JSON.readTree(payload), NOW);
  }

  private static PullRequestEvent pr(String payload) throws Exception {
    List<PendingRecord<?>> records = map(HOOK, payload);
    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.PR_EVENTS);
    return (PullRequestEvent) records.get(0).value();
  }

  @Test
  void shouldMapAnOpenedMergeRequestKeyedByItsNamespacePath() throws Exception {
    List<PendingRecord<?>> records =
        map(HOOK, GitLabPayloads.mergeRequest("open", "opened", "2026-11-22T08:59:30Z", ""));

    assertThat(records.get(0).key()).isEqualTo("acme/platform/shop");
    PullRequestEvent e = (PullRequestEvent) records.get(0).value();
    assertThat(e.getEventId()).isEqualTo("gitlab:key-1");
    assertThat(e.getDeliveryId()).isEqualTo("uuid-1");
    assertThat(e.getProvider()).isEqualTo(ScmProvider.GITLAB);
    assertThat(e.getAction()).isEqualTo(PrAction.OPENED);
    assertThat(e.getRawAction()).isEqualTo("open");
    assertThat(e.getState()).isEqualTo(PrState.OPEN);
    assertThat(e.getNumber()).isEqualTo(12);
    assertThat(e.getProviderId()).isEqualTo("99");
    assertThat(e.getUrl())
        .isEqualTo("https://gitlab.example.com/acme/platform/shop/-/merge_requests/12");
    assertThat(e.getBranch()).isEqualTo("feature/cart");
    assertThat(e.getBaseBranch()).isEqualTo("main");
    assertThat(e.getAuthorLogin()).isEqualTo("ada");
    assertThat(e.getTitle()).isEqualTo("Add cart persistence");
    assertThat(e.getHeadSha()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(e.getLabels()).containsExactly("ai-assisted");
    assertThat(e.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
    assertThat(e.getAcceptedAt()).isEqualTo(NOW);
    assertThat(e.getMerged()).isFalse();
    assertThat(e.getMergedAt()).isNull();
    assertThat(e.toString()).doesNotContain("Secret details");
  }

  @Test
  void shouldMapAMergeAsMergedWithItsMergeCommit() throws Exception {
    PullRequestEvent e =
        pr(
            GitLabPayloads.mergeRequest(
                "merge",
                "merged",
                "2026-11-22 08:59:30 UTC",
                "\"merge_commit_sha\": \"e5bd3914e2e596debea16f433f57875b5b90bcd6\""));

    assertThat(e.getAction()).isEqualTo(PrAction.MERGED);
    assertThat(e.getState()).isEqualTo(PrState.MERGED);
    assertThat(e.getMerged()).isTrue();
    assertThat(e.getMergeCommitSha()).isEqualTo("e5bd3914e2e596debea16f433f57875b5b90bcd6");
    assertThat(e.getMergedAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
    assertThat(e.getClosedAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
  }

  @Test
  void shouldMapACloseWithoutMergeAsAbandoned() throws Exception {
    PullRequestEvent e =
        pr(
            GitLabPayloads.mergeRequest(
                "close", "closed", "2026-11-22T08:59:30.123Z", "\"merge_commit_sha\": null"));

    assertThat(e.getAction()).isEqualTo(PrAction.CLOSED);
    assertThat(e.getState()).isEqualTo(PrState.CLOSED);
    assertThat(e.getMerged()).isFalse();
    assertThat(e.getMergeCommitSha()).isNull();
    assertThat(e.getMergedAt()).isNull();
    assertThat(e.getClosedAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30.123Z"));
  }

  @Test
  void shouldTellNewCommitsDraftChangesAndEditsApartInUpdates() throws Exception {
    PullRequestEvent push =
        pr(
            GitLabPayloads.mergeRequest(
                "update",
                "opened",
                "2026-11-22T08:59:30Z",
                "\"oldrev\": \"6dcb09b5b57875f334f61aebed695e2e4193db5e\""));
    PullRequestEvent ready =
        pr(
            GitLabPayloads.mergeRequest(
                "update",
                "opened",
                "2026-11-22T08:59:30Z",
                "",
                GitLabPayloads.AUTHOR_ID,
                GitLabPayloads.AUTHOR,
                "\"changes\": {\"draft\": {\"previous\": true, \"current\": false}},"));
    PullRequestEvent edit =
        pr(GitLabPayloads.mergeRequest("update", "opened", "2026-11-22T08:59:30Z", ""));
    PullRequestEvent reopened =
        pr(GitLabPayloads.mergeRequest("reopen", "opened", "2026-11-22T08:59:30Z", ""));

    assertThat(push.getAction()).isEqualTo(PrAction.SYNCHRONIZED);
    assertThat(ready.getAction()).isEqualTo(PrAction.READY_FOR_REVIEW);
    assertThat(edit.getAction()).isEqualTo(PrAction.EDITED);
    assertThat(reopened.getAction()).isEqualTo(PrAction.REOPENED);
  }

  @Test
  void shouldNameTheAuthorByIdWhenSomeoneElseActs() throws Exception {
    PullRequestEvent e =
        pr(
            GitLabPayloads.mergeRequest(
                "merge", "merged", "2026-11-22T08:59:30Z", "", 7, "maintainer", ""));

    assertThat(e.getAuthorLogin()).isEqualTo("gitlab-user-id:51");
  }

  @Test
  void shouldReadBothOfGitLabsTimeFormats() throws Exception {
    PullRequestEvent iso =
        pr(GitLabPayloads.mergeRequest("open", "opened", "2013-12-03T17:23:34Z", ""));
    PullRequestEvent ruby =
        pr(GitLabPayloads.mergeRequest("open", "opened", "2013-12-03 17:23:34 UTC", ""));
    PullRequestEvent offset =
        pr(GitLabPayloads.mergeRequest("open", "opened", "2013-12-03 19:23:34 +0200", ""));

    assertThat(iso.getOccurredAt()).isEqualTo(Instant.parse("2013-12-03T17:23:34Z"));
    assertThat(ruby.getOccurredAt()).isEqualTo(Instant.parse("2013-12-03T17:23:34Z"));
    assertThat(offset.getOccurredAt()).isEqualTo(Instant.parse("2013-12-03T17:23:34Z"));
  }

  @Test
  void shouldMapAnApprovalToAnApprovedReviewByTheApprovingUser() throws Exception {
    List<PendingRecord<?>> records =
        map(
            HOOK,
            GitLabPayloads.mergeRequest(
                "approved", "opened", "2026-11-22T08:59:30Z", "", 6, "user1", ""));

    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.PR_REVIEWS);
    assertThat(records.get(0).key()).isEqualTo("acme/platform/shop");
    PullRequestReview r = (PullRequestReview) records.get(0).value();
    assertThat(r.getEventId()).isEqualTo("gitlab:key-1");
    assertThat(r.getProvider()).isEqualTo(ScmProvider.GITLAB);
    assertThat(r.getState()).isEqualTo(ReviewState.APPROVED);
    assertThat(r.getRawAction()).isEqualTo("approved");
    assertThat(r.getReviewerLogin()).isEqualTo("user1");
    assertThat(r.getReviewId()).isEqualTo("approval:6");
    assertThat(r.getNumber()).isEqualTo(12);
    assertThat(r.getPullRequestAuthorLogin()).isEqualTo("gitlab-user-id:51");
    assertThat(r.getCommitSha()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(r.getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void shouldMapAWithdrawnApprovalToADismissedReviewAndIgnoreResetsByGitLab() throws Exception {
    PullRequestReview withdrawn =
        (PullRequestReview)
            map(
                    HOOK,
                    GitLabPayloads.mergeRequest(
                        "unapproval", "opened", "2026-11-22T08:59:30Z", "", 6, "user1", ""))
                .get(0)
                .value();
    List<PendingRecord<?>> reset =
        map(
            HOOK,
            GitLabPayloads.mergeRequest(
                "unapproved",
                "opened",
                "2026-11-22T08:59:30Z",
                "\"system\": true, \"system_action\": \"approvals_reset_on_push\""));

    assertThat(withdrawn.getState()).isEqualTo(ReviewState.DISMISSED);
    assertThat(withdrawn.getReviewId()).isEqualTo("approval:6");
    assertThat(reset).isEmpty();
    assertThat(
            GitLabMapper.targetTopic(
                JSON.readTree(
                    GitLabPayloads.mergeRequest("approval", "opened", "2026-11-22T08:59:30Z", ""))))
        .isEqualTo(Topics.PR_REVIEWS);
  }

  @Test
  void shouldMapSystemHookMergeRequestsAndIgnoreOtherHooks() throws Exception {
    assertThat(
            map(
                GitLabMapper.SYSTEM_HOOK,
                GitLabPayloads.mergeRequest("open", "opened", "2026-11-22T08:59:30Z", "")))
        .hasSize(1);
    assertThat(map(GitLabMapper.SYSTEM_HOOK, GitLabPayloads.push())).hasSize(1);
    assertThat(map("Tag Push Hook", "{\"object_kind\": \"tag_push\", \"ref\": \"refs/tags/v1\"}"))
        .isEmpty();
    assertThat(
            map(
                "Pipeline Hook",
                "{\"object_kind\": \"pipeline\", \"object_attributes\": {\"id\": 31}}"))
        .isEmpty();
    assertThat(map("Note Hook", "{\"object_kind\": \"note\"}")).isEmpty();
  }

  @Test
  void shouldMapAPushHookToACodePushWithoutCommitMessages() throws Exception {
    List<PendingRecord<?>> records = map(GitLabMapper.PUSH_HOOK, GitLabPayloads.push());

    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.CODE_PUSHES);
    assertThat(records.get(0).key()).isEqualTo("mike/diaspora");
    CodePush push = (CodePush) records.get(0).value();
    assertThat(push.getProvider()).isEqualTo(ScmProvider.GITLAB);
    assertThat(push.getBranch()).isEqualTo("main");
    assertThat(push.getPusherLogin()).isEqualTo("jsmith");
    assertThat(push.getCommitCount())
        .as("total_commits_count, not the commits listed")
        .isEqualTo(4);
    assertThat(push.getCommitShas())
        .containsExactly(
            "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
    assertThat(push.getCommitAuthorEmails())
        .containsExactly("jordi@softcatala.org", "gitlabdev@dv6700.(none)");
    assertThat(push.getOccurredAt())
        .as("the newest commit")
        .isEqualTo(Instant.parse("2012-01-03T21:36:29Z"));
    assertThat(push.getCreated()).isFalse();
    assertThat(push.toString()).doesNotContain("fixed readme");
    assertThat(GitLabMapper.targetTopic(JSON.readTree(GitLabPayloads.push())))
        .isEqualTo(Topics.CODE_PUSHES);
  }

  @Test
  void shouldKeepTheIdsOfTheCommitsAPushHookReverts() throws Exception {
    String reverts =
        GitLabPayloads.push()
            .replace(
                "\"message\": \"fixed readme\"",
                "\"message\": \"Revert \\\"Update Catalan translation\\\"\\n\\nThis reverts commit"
                    + " 95790bf891e76fee5e1747ab589903a6a1f80f22.\"");
    CodePush push = (CodePush) map(GitLabMapper.PUSH_HOOK, reverts).get(0).value();

    assertThat(push.getRevertedCommitIds())
        .containsExactly("95790bf891e76fee5e1747ab589903a6a1f80f22");
    assertThat(push.toString()).doesNotContain("Catalan");
  }

  @Test
  void shouldRefuseMergeRequestHooksItCannotMap() throws Exception {
    String noIid =
        GitLabPayloads.mergeRequest("open", "opened", "2026-11-22T08:59:30Z", "")
            .replace("\"iid\": 12,", "");
    String badTime = GitLabPayloads.mergeRequest("open", "opened", "yesterday", "");

    assertThatThrownBy(() -> map(HOOK, noIid))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("object_attributes.iid: missing or not a number");
    assertThatThrownBy(() -> map(HOOK, badTime))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessageStartingWith("object_attributes.updated_at: 'yesterday' is not a GitLab time");
    assertThatThrownBy(() -> map(HOOK, GitLabPayloads.push()))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessageContaining("object_kind: 'push'");
  }
}
