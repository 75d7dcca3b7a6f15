package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

class GitHubMapperTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void shouldMapAMergeAsClosedWithMergedTrue() throws Exception {
    List<PendingRecord<?>> records =
        GitHubMapper.map(
            "pull_request",
            "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            json(GitHubPayloads.pullRequest("closed", true, "closed")),
            NOW);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.PR_EVENTS);
    assertThat(records.get(0).key()).isEqualTo("octo-org/shop");
    PullRequestEvent e = (PullRequestEvent) records.get(0).value();
    assertThat(e.getEventId()).isEqualTo("github:72d3162e-cc78-11e3-81ab-4c9367dc0958");
    assertThat(e.getProvider()).isEqualTo(ScmProvider.GITHUB);
    assertThat(e.getAction()).isEqualTo(PrAction.MERGED);
    assertThat(e.getRawAction()).isEqualTo("closed");
    assertThat(e.getState()).isEqualTo(PrState.MERGED);
    assertThat(e.getMerged()).isTrue();
    assertThat(e.getNumber()).isEqualTo(1347);
    assertThat(e.getBranch()).isEqualTo("feature/cart");
    assertThat(e.getBaseBranch()).isEqualTo("main");
    assertThat(e.getAuthorLogin()).isEqualTo("octocat");
    assertThat(e.getMergeCommitSha()).isEqualTo("e5bd3914e2e596debea16f433f57875b5b90bcd6");
    assertThat(e.getMergedAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
    assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T08:59:30Z"));
    assertThat(e.getAcceptedAt()).isEqualTo(NOW);
    assertThat(e.getAdditions()).isEqualTo(120);
    assertThat(e.getCommitCount()).isEqualTo(4);
    assertThat(e.getLabels()).containsExactly("ai-assisted");
    assertThat(e.toString()).doesNotContain("Secret details");
  }

  @Test
  void shouldMapAClosedUnmergedPullRequestAsClosed() throws Exception {
    PullRequestEvent e =
        (PullRequestEvent)
            GitHubMapper.map(
                    "pull_request",
                    "d1",
                    json(GitHubPayloads.pullRequest("closed", false, "closed")),
                    NOW)
                .get(0)
                .value();

    assertThat(e.getAction()).isEqualTo(PrAction.CLOSED);
    assertThat(e.getState()).isEqualTo(PrState.CLOSED);
    assertThat(e.getMergeCommitSha()).isNull();
  }

  @Test
  void shouldMapOpenedAndSynchronize() throws Exception {
    PullRequestEvent opened =
        (PullRequestEvent)
            GitHubMapper.map(
                    "pull_request",
                    "d2",
                    json(GitHubPayloads.pullRequest("opened", false, "open")),
                    NOW)
                .get(0)
                .value();
    PullRequestEvent sync =
        (PullRequestEvent)
            GitHubMapper.map(
                    "pull_request",
                    "d3",
                    json(GitHubPayloads.pullRequest("synchronize", false, "open")),
                    NOW)
                .get(0)
                .value();

    assertThat(opened.getAction()).isEqualTo(PrAction.OPENED);
    assertThat(opened.getState()).isEqualTo(PrState.OPEN);
    assertThat(sync.getAction()).isEqualTo(PrAction.SYNCHRONIZED);
  }

  @Test
  void shouldMapASubmittedReview() throws Exception {
    String payload =
        """
        {"action": "submitted",
         "review": {"id": 80, "node_id": "MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=", "user": {"login": "hubot"},
                    "body": "Looks good", "commit_id": "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091",
                    "submitted_at": "2026-11-22T08:40:00Z", "state": "approved",
                    "html_url": "https://github.com/octo-org/shop/pull/1347#pullrequestreview-80"},
         "pull_request": {"number": 1347, "user": {"login": "octocat"}},
         "repository": {"full_name": "octo-org/shop"}}
        """;

    List<PendingRecord<?>> records =
        GitHubMapper.map("pull_request_review", "d4", json(payload), NOW);

    assertThat(records.get(0).topic()).isEqualTo(Topics.PR_REVIEWS);
    PullRequestReview r = (PullRequestReview) records.get(0).value();
    assertThat(r.getState()).isEqualTo(ReviewState.APPROVED);
    assertThat(r.getReviewerLogin()).isEqualTo("hubot");
    assertThat(r.getReviewId()).isEqualTo("80");
    assertThat(r.getPullRequestAuthorLogin()).isEqualTo("octocat");
    assertThat(r.getSubmittedAt()).isEqualTo(Instant.parse("2026-11-22T08:40:00Z"));
  }

  @Test
  void shouldMapAPushToACodePushWithCommitIdsAndAuthorsButNoMessages() throws Exception {
    List<PendingRecord<?>> records =
        GitHubMapper.map(
            "push",
            "d6",
            json(GitHubPayloads.push("7638417db6d59f3c431d3e1f261cc637155684cd")),
            NOW);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).topic()).isEqualTo(Topics.CODE_PUSHES);
    assertThat(records.get(0).key()).isEqualTo("octo-org/shop");
    CodePush push = (CodePush) records.get(0).value();
    assertThat(push.getEventId()).isEqualTo("github:d6");
    assertThat(push.getBranch()).isEqualTo("feature/cart");
    assertThat(push.getRef()).isEqualTo("refs/heads/feature/cart");
    assertThat(push.getPusherLogin()).isEqualTo("octocat");
    assertThat(push.getCommitCount()).isEqualTo(2);
    assertThat(push.getCommitAuthorEmails())
        .as("distinct, lowercased")
        .containsExactly("octocat@example.com");
    assertThat(push.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T13:50:00Z"));
    assertThat(push.getBeforeSha()).isEqualTo("7638417db6d59f3c431d3e1f261cc637155684cd");
    assertThat(push.getCreated()).isFalse();
    assertThat(push.getRevertedCommitIds()).as("no message reverts a commit").isEmpty();
    assertThat(push.toString()).doesNotContain("secret idea");
  }

  @Test
  void shouldKeepTheIdsOfTheCommitsAPushRevertsButNotTheirMessages() throws Exception {
    String reverts =
        GitHubPayloads.push("7638417db6d59f3c431d3e1f261cc637155684cd")
            .replace(
                "\"message\": \"Fix the cart test\"",
                "\"message\": \"Revert \\\"Persist the cart\\\"\\n\\nThis reverts commit"
                    + " 1b2e9e3cc9e2ab0c3cd4c2a5c8d0c5b4f7a3e6d1.\\n\"");
    CodePush push = (CodePush) GitHubMapper.map("push", "d7", json(reverts), NOW).get(0).value();

    assertThat(push.getRevertedCommitIds())
        .containsExactly("1b2e9e3cc9e2ab0c3cd4c2a5c8d0c5b4f7a3e6d1");
    assertThat(push.getCommitShas()).hasSize(2);
    assertThat(push.toString()).doesNotContain("Persist the cart");
  }

  @Test
  void shouldMarkAPushThatCreatedTheBranch() throws Exception {
    CodePush push =
        (CodePush)
            GitHubMapper.map(
                    "push",
                    "d8",
                    json(GitHubPayloads.push("0000000000000000000000000000000000000000")),
                    NOW)
                .get(0)
                .value();

    assertThat(push.getCreated()).isTrue();
    assertThat(push.getBeforeSha()).isNull();
  }

  @Test
  void shouldIgnoreOtherEventsAndRefuseUnmappablePullRequests() throws Exception {
    assertThat(
            GitHubMapper.map(
                "ping", "d5", json("{\"zen\": \"Design for failure.\", \"hook_id\": 1}"), NOW))
        .isEmpty();
    assertThatThrownBy(
            () -> GitHubMapper.map("pull_request", "d7", json("{\"action\": \"opened\"}"), NOW))
        .isInstanceOf(WebhookMappingException.class)
        .hasMessage("pull_request: missing");
  }
}
