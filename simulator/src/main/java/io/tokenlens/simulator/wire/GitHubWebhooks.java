package io.tokenlens.simulator.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.schemas.avro.PrAction;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.simulator.model.Push;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub webhook deliveries ({@code pull_request}, {@code pull_request_review}, {@code push})
 * shaped as GitHub documents them (abridged to the fields a consumer reads; never a PR body),
 * signed with {@code X-Hub-Signature-256}. The delivery id is the simulated event's: a redelivery
 * keeps it, as GitHub's does.
 */
public final class GitHubWebhooks {
  public static final String PATH = "/webhooks/github";
  private final String secret;

  public GitHubWebhooks(String secret) {
    this.secret = secret;
  }

  public HttpDelivery pullRequest(PullRequestEvent e) {
    ObjectNode payload = Json.object();
    String action =
        switch (e.getAction()) {
          case OPENED -> "opened";
          case MERGED, CLOSED -> "closed";
          default -> e.getRawAction();
        };
    payload.put("action", action);
    payload.put("number", e.getNumber());
    ObjectNode pr =
        pullRequestObject(
            e.getRepository(), e.getNumber(), e.getAuthorLogin(), e.getBranch(), e.getHeadSha());
    pr.put("state", e.getAction() == PrAction.OPENED ? "open" : "closed");
    pr.put("title", e.getTitle());
    pr.put("created_at", Json.seconds(e.getCreatedAt()));
    pr.put("updated_at", Json.seconds(e.getOccurredAt()));
    pr.put("closed_at", Json.seconds(e.getClosedAt()));
    pr.put("merged_at", Json.seconds(e.getMergedAt()));
    pr.put("merge_commit_sha", e.getMergeCommitSha());
    pr.put("draft", false);
    pr.put("merged", Boolean.TRUE.equals(e.getMerged()));
    pr.put("commits", e.getCommitCount());
    pr.put("additions", e.getAdditions());
    pr.put("deletions", e.getDeletions());
    pr.put("changed_files", e.getChangedFiles());
    pr.putArray("labels");
    payload.set("pull_request", pr);
    envelope(payload, e.getRepository(), e.getAuthorLogin());
    return delivery("pull_request", e.getDeliveryId(), payload, e.getOccurredAt());
  }

  public HttpDelivery review(PullRequestReview r, String branch) {
    ObjectNode payload = Json.object();
    payload.put("action", "submitted");
    ObjectNode review = payload.putObject("review");
    review.put("id", Math.floorMod(r.getReviewId().hashCode(), 1_000_000_000L));
    review.putObject("user").put("login", r.getReviewerLogin()).put("type", "User");
    review.putNull("body");
    review.put("commit_id", r.getCommitSha());
    review.put("submitted_at", Json.seconds(r.getOccurredAt()));
    review.put("state", r.getState().name().toLowerCase(Locale.ROOT));
    review.put(
        "html_url",
        htmlUrl(r.getRepository(), r.getNumber()) + "#pullrequestreview-" + review.get("id"));
    ObjectNode pr =
        pullRequestObject(
            r.getRepository(),
            r.getNumber(),
            r.getPullRequestAuthorLogin(),
            branch,
            r.getCommitSha());
    pr.put("state", "open");
    payload.set("pull_request", pr);
    envelope(payload, r.getRepository(), r.getReviewerLogin());
    return delivery("pull_request_review", r.getDeliveryId(), payload, r.getOccurredAt());
  }

  public HttpDelivery push(Push p) {
    ObjectNode payload = Json.object();
    payload.put("ref", "refs/heads/" + p.branch());
    payload.put("before", p.beforeSha());
    payload.put("after", p.afterSha());
    payload.put("created", false);
    payload.put("deleted", false);
    payload.put("forced", false);
    ObjectNode commit = payload.putArray("commits").addObject();
    commit.put("id", p.afterSha());
    commit.put("message", p.message());
    commit.put("timestamp", Json.seconds(p.at()));
    commit.putObject("author").put("username", p.pusher());
    payload.set("head_commit", commit.deepCopy());
    payload.putObject("pusher").put("name", p.pusher());
    envelope(payload, p.repository(), p.pusher());
    return delivery("push", p.deliveryId(), payload, p.at());
  }

  private static ObjectNode pullRequestObject(
      String repository, long number, String author, String branch, String headSha) {
    ObjectNode pr = Json.object();
    pr.put("url", "https://api.github.com/repos/" + repository + "/pulls/" + number);
    pr.put("id", Math.floorMod((repository + "#" + number).hashCode(), 1_000_000_000L));
    pr.put("node_id", "PR_" + Integer.toHexString((repository + "#" + number).hashCode()));
    pr.put("html_url", htmlUrl(repository, number));
    pr.put("number", number);
    pr.putObject("user").put("login", author).put("type", "User");
    ObjectNode head = pr.putObject("head");
    head.put("label", owner(repository) + ":" + branch).put("ref", branch).put("sha", headSha);
    head.putObject("repo").put("full_name", repository);
    ObjectNode base = pr.putObject("base");
    base.put("label", owner(repository) + ":main").put("ref", "main");
    base.putObject("repo").put("full_name", repository);
    return pr;
  }

  private static void envelope(ObjectNode payload, String repository, String sender) {
    ObjectNode repo = payload.putObject("repository");
    repo.put("name", repository.substring(repository.indexOf('/') + 1));
    repo.put("full_name", repository);
    repo.put("private", true);
    repo.putObject("owner").put("login", owner(repository));
    payload.putObject("sender").put("login", sender).put("type", "User");
  }

  private HttpDelivery delivery(String event, String deliveryId, ObjectNode payload, Instant at) {
    byte[] body = Json.bytes(payload);
    return new HttpDelivery(
        PATH,
        "application/json",
        Map.of(
            "X-GitHub-Event",
            event,
            "X-GitHub-Delivery",
            deliveryId,
            "X-GitHub-Hook-ID",
            "419126",
            "User-Agent",
            "GitHub-Hookshot/5a1b2c3",
            "X-Hub-Signature-256",
            Signatures.gitHub(secret, body)),
        body,
        at,
        "github " + event,
        Map.of(event, 1));
  }

  private static String htmlUrl(String repository, long number) {
    return "https://github.com/" + repository + "/pull/" + number;
  }

  private static String owner(String repository) {
    return repository.substring(0, repository.indexOf('/'));
  }
}
