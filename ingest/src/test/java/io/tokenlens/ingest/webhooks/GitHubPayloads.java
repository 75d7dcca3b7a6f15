package io.tokenlens.ingest.webhooks;

/** GitHub webhook payloads for tests, shaped as GitHub documents them. */
public final class GitHubPayloads {
  private GitHubPayloads() {}

  /**
   * A pull_request webhook payload with the fields GitHub documents (abridged: unused fields left
   * out).
   */
  public static String pullRequest(String action, boolean merged, String state) {
    return """
        {
          "action": "%s",
          "number": 1347,
          "pull_request": {
            "url": "https://api.github.com/repos/octo-org/shop/pulls/1347",
            "id": 1934526,
            "node_id": "PR_kwDOABCD5M4AHYX-",
            "html_url": "https://github.com/octo-org/shop/pull/1347",
            "number": 1347,
            "state": "%s",
            "locked": false,
            "title": "Add cart persistence",
            "user": {"login": "octocat", "id": 1, "type": "User"},
            "body": "Stores the cart in the session. Secret details nobody should keep.",
            "labels": [{"id": 208045946, "name": "ai-assisted", "color": "f29513"}],
            "created_at": "2026-11-20T10:00:00Z",
            "updated_at": "2026-11-22T08:59:30Z",
            "closed_at": %s,
            "merged_at": %s,
            "merge_commit_sha": "e5bd3914e2e596debea16f433f57875b5b90bcd6",
            "draft": false,
            "head": {"label": "octocat:feature/cart", "ref": "feature/cart", "sha": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                     "repo": {"full_name": "octo-org/shop"}},
            "base": {"label": "octo-org:main", "ref": "main", "sha": "7638417db6d59f3c431d3e1f261cc637155684cd",
                     "repo": {"full_name": "octo-org/shop"}},
            "merged": %s,
            "comments": 3,
            "commits": 4,
            "additions": 120,
            "deletions": 7,
            "changed_files": 5
          },
          "repository": {"id": 1296269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": "shop",
                         "full_name": "Octo-Org/Shop", "private": true, "owner": {"login": "Octo-Org"}},
          "sender": {"login": "octocat", "id": 1}
        }
        """
        .formatted(
            action,
            state,
            state.equals("closed") ? "\"2026-11-22T08:59:30Z\"" : "null",
            merged ? "\"2026-11-22T08:59:30Z\"" : "null",
            merged);
  }

  /** A push webhook payload as GitHub documents it (abridged): two commits to a feature branch. */
  public static String push(String before) {
    return """
        {
          "ref": "refs/heads/feature/cart",
          "before": "%s",
          "after": "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c",
          "created": %s,
          "deleted": false,
          "forced": false,
          "base_ref": null,
          "compare": "https://github.com/octo-org/shop/compare/9049f1265b7d...0d1a26e67d8f",
          "commits": [
            {"id": "9049f1265b7d61be4a8904a9a27120d2064dab3b", "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
             "distinct": true, "message": "Persist the cart (draft with a secret idea)",
             "timestamp": "2026-11-22T09:40:15-04:00", "url": "https://github.com/octo-org/shop/commit/9049f12",
             "author": {"name": "Mona Octocat", "email": "Octocat@Example.com", "username": "octocat"},
             "committer": {"name": "Mona Octocat", "email": "octocat@example.com", "username": "octocat"},
             "added": [], "removed": [], "modified": ["cart.js"]},
            {"id": "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
             "distinct": true, "message": "Fix the cart test",
             "timestamp": "2026-11-22T09:50:00-04:00", "url": "https://github.com/octo-org/shop/commit/0d1a26e",
             "author": {"name": "Mona Octocat", "email": "octocat@example.com", "username": "octocat"},
             "committer": {"name": "Mona Octocat", "email": "octocat@example.com", "username": "octocat"},
             "added": [], "removed": [], "modified": ["cart.test.js"]}
          ],
          "head_commit": {"id": "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"},
          "repository": {"id": 35129377, "name": "shop", "full_name": "octo-org/shop", "owner": {"login": "octo-org"}},
          "pusher": {"name": "octocat", "email": "octocat@example.com"},
          "sender": {"login": "octocat", "id": 1, "type": "User"}
        }
        """
        .formatted(before, "0000000000000000000000000000000000000000".equals(before));
  }
}
