package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merged pull request is reverted when a push to its base branch reverts its merge commit: the
 * revert of another commit, or one pushed to a branch of its own, does not count ({@code
 * pr_reverts}, {@code pr_outcomes.reverted}).
 */
@StackTest
class PrRevertsIT {
  private static final String REPO = "acme/rv";

  @BeforeAll
  static void migrate(StackScope stack) throws Exception {
    try (SinkHarness h = new SinkHarness(stack, "reverts")) {
      h.migrate(h.config(Topics.CODE_PUSHES));
    }
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      // four merged pull requests, one closed unmerged
      s.execute(
          "INSERT INTO pull_requests (event_id, occurred_at, accepted_at, provider, repository, number, action, "
              + "state, merged, draft, branch, base_branch, author_login, merged_at, closed_at, head_sha, "
              + "merge_commit_sha, commit_shas, labels, kafka_partition, kafka_offset) VALUES "
              + merged(1, 0)
              + ", "
              + merged(2, 1)
              + ", "
              + merged(3, 2)
              + ", "
              + merged(4, 3)
              + ", ('rv-pr-5', '2026-04-01 10:00:00', '2026-04-01 10:00:00', 'GITHUB', '"
              + REPO
              + "', 5, 'CLOSED', 'CLOSED', false, false, 'f5', 'main', 'rv', NULL, '2026-04-01 10:00:00', "
              + "'"
              + head(5)
              + "', NULL, [], [], 0, 4)");
      s.execute(
          "INSERT INTO code_pushes (event_id, occurred_at, accepted_at, provider, repository, branch, ref, "
              + "pusher_login, commit_shas, commit_author_emails, commit_count, created, deleted, forced, "
              + "reverted_commit_ids, kafka_partition, kafka_offset) VALUES "
              // #1 reverted on main, and again by a later push: the first counts
              + push("rv-p1", "2026-04-02 09:00:00", "main", "['" + mergeSha(1) + "']", 0)
              + ", "
              + push("rv-p2", "2026-04-03 09:00:00", "main", "['" + mergeSha(1) + "']", 1)
              // #2 reverted on a branch of its own, never merged
              + ", "
              + push("rv-p3", "2026-04-02 09:00:00", "revert-2", "['" + mergeSha(2) + "']", 2)
              // #3: a commit of its branch reverted, not its merge commit
              + ", "
              + push("rv-p4", "2026-04-02 09:00:00", "main", "['" + head(3) + "']", 3)
              // #5, closed unmerged: its head commit reverted on main
              + ", "
              + push("rv-p5", "2026-04-02 09:00:00", "main", "['" + head(5) + "']", 4)
              // a push reverting nothing
              + ", "
              + push("rv-p6", "2026-04-02 09:00:00", "main", "[]", 5));
    }
  }

  private static String mergeSha(int number) {
    return "%040d".formatted(number).replace('0', 'a');
  }

  private static String head(int number) {
    return "%040d".formatted(number).replace('0', 'b');
  }

  private static String merged(int number, int offset) {
    return ("('rv-pr-%d', '2026-04-01 10:00:00', '2026-04-01 10:00:00', 'GITHUB', '%s', %d, 'MERGED', 'MERGED', true,"
            + " false, 'f%d', 'main', 'rv', '2026-04-01 10:00:00', '2026-04-01 10:00:00', '%s', '%s', [], [], 0, %d)")
        .formatted(number, REPO, number, number, head(number), mergeSha(number), offset);
  }

  private static String push(String id, String at, String branch, String reverted, int offset) {
    return ("('%s', '%s', '%s', 'GITHUB', '%s', '%s', 'refs/heads/%s', 'rv', ['%s'], [], 1, false, false, false,"
            + " %s, 0, %d)")
        .formatted(id, at, at, REPO, branch, branch, id, reverted, offset);
  }

  private static List<String> rows(StackScope stack, String sql) throws Exception {
    try (Connection c = stack.openClickHouse();
        Statement s = c.createStatement()) {
      return ModelViewsIT.column(s, sql + " WHERE repository = '" + REPO + "' ORDER BY number");
    }
  }

  @Test
  void shouldListOnlyThePullRequestWhoseMergeCommitAPushToItsBaseBranchReverted(StackScope stack)
      throws Exception {
    assertThat(
            rows(
                stack,
                "SELECT concat(toString(number), ' ', toString(reverted_at), ' ', revert_event_id)"
                    + " FROM pr_reverts"))
        .containsExactly("1 2026-04-02 09:00:00.000 rv-p1");
  }

  @Test
  void shouldMarkTheRevertedPullRequestInItsOutcome(StackScope stack) throws Exception {
    assertThat(
            rows(
                stack,
                "SELECT concat(toString(number), ' ', outcome, ' ', toString(reverted), ' ',"
                    + " ifNull(toString(reverted_at), '-')) FROM pr_outcomes"))
        .containsExactly(
            "1 MERGED true 2026-04-02 09:00:00.000",
            "2 MERGED false -",
            "3 MERGED false -",
            "4 MERGED false -",
            "5 CLOSED_UNMERGED false -");
  }
}
