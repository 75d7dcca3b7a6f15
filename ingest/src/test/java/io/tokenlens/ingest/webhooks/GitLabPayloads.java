package io.tokenlens.ingest.webhooks;

/**
 * GitLab merge request hook payloads for tests, shaped as GitLab's webhook events documentation
 * shows them (abridged: fields tokenlens does not read left out, the description kept to prove it
 * is dropped).
 */
public final class GitLabPayloads {
  /** The author of the merge request ({@code object_attributes.author_id}). */
  public static final int AUTHOR_ID = 51;

  public static final String AUTHOR = "ada";

  private GitLabPayloads() {}

  /**
   * A hook for {@code action}, acted by the author, in state {@code state}; {@code extra} is added
   * to object_attributes.
   */
  public static String mergeRequest(String action, String state, String updatedAt, String extra) {
    return mergeRequest(action, state, updatedAt, extra, AUTHOR_ID, AUTHOR, "");
  }

  /**
   * A hook for {@code action} acted by the user {@code userId}/{@code username}; {@code extra} is
   * added to object_attributes, {@code topLevel} (e.g. {@code "changes": {...},}) to the payload.
   */
  public static String mergeRequest(
      String action,
      String state,
      String updatedAt,
      String extra,
      int userId,
      String username,
      String topLevel) {
    return """
        {
          "object_kind": "merge_request",
          "event_type": "merge_request",
          "user": {
            "id": %d,
            "name": "User %s",
            "username": "%s",
            "avatar_url": "http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\\u0026d=identicon",
            "email": "%s@example.com"
          },
          "project": {
            "id": 14,
            "name": "Shop",
            "description": "The web shop.",
            "web_url": "https://gitlab.example.com/Acme/Platform/shop",
            "avatar_url": null,
            "git_ssh_url": "git@gitlab.example.com:acme/platform/shop.git",
            "git_http_url": "https://gitlab.example.com/acme/platform/shop.git",
            "namespace": "Platform",
            "visibility_level": 20,
            "path_with_namespace": "Acme/Platform/shop",
            "default_branch": "main",
            "ci_config_path": "",
            "homepage": "https://gitlab.example.com/acme/platform/shop",
            "url": "git@gitlab.example.com:acme/platform/shop.git",
            "ssh_url": "git@gitlab.example.com:acme/platform/shop.git",
            "http_url": "https://gitlab.example.com/acme/platform/shop.git"
          },
          "repository": {
            "name": "Shop",
            "url": "git@gitlab.example.com:acme/platform/shop.git",
            "description": "The web shop.",
            "homepage": "https://gitlab.example.com/acme/platform/shop"
          },
          %s
          "object_attributes": {
            "id": 99,
            "iid": 12,
            "target_branch": "main",
            "source_branch": "feature/cart",
            "source_project_id": 14,
            "author_id": %d,
            "assignee_ids": [6],
            "assignee_id": 6,
            "reviewer_ids": [6],
            "title": "Add cart persistence",
            "created_at": "2026-11-20T10:00:00Z",
            "updated_at": "%s",
            "last_edited_at": "2026-11-20T10:00:00Z",
            "last_edited_by_id": 1,
            "milestone_id": null,
            "state_id": 1,
            "state": "%s",
            "blocking_discussions_resolved": true,
            "work_in_progress": false,
            "draft": false,
            "first_contribution": true,
            "merge_status": "unchecked",
            "target_project_id": 14,
            "description": "Stores the cart in the session. Secret details nobody should keep.",
            "total_time_spent": 1800,
            "time_change": 30,
            "human_total_time_spent": "30m",
            "human_time_change": "30s",
            "human_time_estimate": "30m",
            "url": "https://gitlab.example.com/acme/platform/shop/-/merge_requests/12",
            "last_commit": {
              "id": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
              "message": "fixed readme",
              "title": "Update file README.md",
              "timestamp": "2026-11-22T09:36:29+02:00",
              "url": "https://gitlab.example.com/acme/platform/shop/-/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
              "author": {"name": "Ada", "email": "ada@example.com"}
            },
            "labels": [{
              "id": 206,
              "title": "ai-assisted",
              "color": "#ffffff",
              "project_id": 14,
              "created_at": "2013-12-03T17:15:43Z",
              "updated_at": "2013-12-03T17:15:43Z",
              "template": false,
              "description": "Written with an agent",
              "type": "ProjectLabel",
              "group_id": 41
            }],
            %s
            "action": "%s",
            "detailed_merge_status": "mergeable"
          },
          "labels": [{"id": 206, "title": "ai-assisted", "color": "#ffffff", "project_id": 14, "type": "ProjectLabel"}],
          "assignees": [{"id": 6, "name": "User1", "username": "user1"}],
          "reviewers": [{"id": 6, "name": "User1", "username": "user1"}]
        }
        """
        .formatted(
            userId,
            username,
            username,
            username,
            topLevel,
            AUTHOR_ID,
            updatedAt,
            state,
            extra.isEmpty() ? "" : extra + ",",
            action);
  }

  /** A push hook, shaped as documented. */
  public static String push() {
    return """
        {"object_kind": "push", "event_name": "push", "before": "95790bf891e76fee5e1747ab589903a6a1f80f22",
         "after": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "ref": "refs/heads/main",
         "checkout_sha": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "user_id": 4, "user_name": "John Smith",
         "user_username": "jsmith", "project_id": 15,
         "project": {"id": 15, "name": "Diaspora", "path_with_namespace": "mike/diaspora", "default_branch": "main"},
         "commits": [
           {"id": "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", "message": "Update Catalan translation to e38cb41.",
            "title": "Update Catalan translation", "timestamp": "2011-12-12T14:27:31+02:00",
            "url": "http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327",
            "author": {"name": "Jordi Mallach", "email": "jordi@softcatala.org"},
            "added": ["CHANGELOG"], "modified": ["app/controller/application.rb"], "removed": []},
           {"id": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "message": "fixed readme",
            "title": "fixed readme", "timestamp": "2012-01-03T23:36:29+02:00",
            "url": "http://example.com/mike/diaspora/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
            "author": {"name": "GitLab dev user", "email": "Gitlabdev@dv6700.(none)"},
            "added": ["CHANGELOG"], "modified": ["app/controller/application.rb"], "removed": []}
         ],
         "total_commits_count": 4}
        """;
  }
}
