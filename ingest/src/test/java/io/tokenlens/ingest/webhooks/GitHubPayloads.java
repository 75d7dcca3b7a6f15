package io.tokenlens.ingest.webhooks;

/** GitHub webhook payloads for tests, shaped as GitHub documents them. */
public final class GitHubPayloads {
  private GitHubPayloads() {
  }

  /** A pull_request webhook payload with the fields GitHub documents (abridged: unused fields left out). */
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
        """.formatted(action, state, state.equals("closed") ? "\"2026-11-22T08:59:30Z\"" : "null",
        merged ? "\"2026-11-22T08:59:30Z\"" : "null", merged);
  }

}
