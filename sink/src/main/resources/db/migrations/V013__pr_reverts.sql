-- Reverted pull requests. V010 could not recognise a revert: code pushes carried commit ids without messages. Pushes
-- now carry the ids of the commits they revert (CodePush.revertedCommitIds: the full ids named by the commit
-- messages' "This reverts commit <id>." lines, which git revert and the providers' revert buttons write; the messages
-- themselves are never stored), so pr_outcomes is redefined here with two more columns, otherwise as in V010.
--
-- Reverted: a push to the pull request's base branch lists a commit that reverts the pull request's merge commit (the
-- merge_commit_sha of its merge event: the merge commit, or the squashed or last rebased commit). Only the base branch
-- counts, where the merge landed: a revert pushed to a branch of its own has undone nothing until it is merged, and
-- then it reaches the base branch in a later push. The commit id makes the order certain, so there is no time window:
-- reverted_at is the first such push's time (its newest commit). Not recognised: a revert whose message names an
-- abbreviated id or was written by hand without git's line, and a revert of other commits of a rebased pull request
-- than the last. A revert that is itself reverted later still counts: a push says which commits are reverted, not
-- which of its commits reverts them.

-- code_pushes.reverted_commit_ids: the ids of the commits the push's commits revert, lowercased, distinct; empty for
-- rows inserted before this column existed.
ALTER TABLE code_pushes ADD COLUMN IF NOT EXISTS reverted_commit_ids Array(String) DEFAULT [];

-- pr_reverts: every merged pull request a push to its base branch reverts, once: its merge commit, when the first push
-- reverting it happened, and that push's event id.
CREATE OR REPLACE VIEW pr_reverts AS
WITH
    merges AS (
        SELECT
            repository,
            number,
            lower(argMax(merge_commit_sha, occurred_at)) AS merge_sha,
            argMax(base_branch, occurred_at) AS merged_into
        FROM pull_requests
        WHERE merged AND merge_commit_sha IS NOT NULL
        GROUP BY repository, number),
    reverts AS (
        SELECT
            repository,
            ifNull(branch, '') AS pushed_branch,
            reverted_commit_id,
            min(occurred_at) AS reverted_at,
            argMin(event_id, occurred_at) AS revert_event_id
        FROM code_pushes
        ARRAY JOIN reverted_commit_ids AS reverted_commit_id
        GROUP BY repository, pushed_branch, reverted_commit_id)
SELECT
    m.repository AS repository,
    m.number AS number,
    m.merge_sha AS merge_commit_sha,
    r.reverted_at AS reverted_at,
    r.revert_event_id AS revert_event_id
FROM merges AS m
INNER JOIN reverts AS r
    ON r.repository = m.repository AND r.pushed_branch = m.merged_into AND r.reverted_commit_id = m.merge_sha;

-- pr_outcomes: as in V010 (what became of each pull request and the AI spend attributed to it), and whether a merged
-- pull request was reverted later (reverted, reverted_at: pr_reverts). outcome stays MERGED for a reverted pull
-- request; reverted tells it apart.
CREATE OR REPLACE VIEW pr_outcomes AS
WITH
    reviews AS (
        SELECT
            repository,
            number,
            count() AS reviews,
            uniqExact(round_key) AS review_rounds,
            countIf(state = 'CHANGES_REQUESTED') AS changes_requested,
            countIf(state = 'APPROVED') AS approvals,
            minIf(submitted, state = 'APPROVED') AS first_approved_at
        FROM
        (
            SELECT
                repository,
                number,
                review_id,
                argMax(state, occurred_at) AS state,
                argMax(ifNull(submitted_at, occurred_at), occurred_at) AS submitted,
                argMax(ifNull(commit_sha, review_id), occurred_at) AS round_key
            FROM pr_reviews
            GROUP BY repository, number, review_id
        )
        GROUP BY repository, number),
    links AS (
        SELECT repository, number, groupUniqArray(incident_id) AS incident_ids
        FROM incident_links_current
        WHERE reason = 'EXPLICIT_REFERENCE' OR ai_heavy
        GROUP BY repository, number)
SELECT
    s.repository AS repository,
    s.number AS number,
    ifNull(coalesce(s.engineer_id, a.author_engineer_id), '') AS engineer_id,
    ifNull(coalesce(s.team, a.team), '') AS team,
    s.state AS state,
    s.merged AND s.merged_at IS NOT NULL AS merged,
    s.merged_at AS merged_at,
    s.closed_at AS closed_at,
    multiIf(s.merged AND s.merged_at IS NOT NULL, 'MERGED', s.closed_at IS NOT NULL, 'CLOSED_UNMERGED', 'OPEN')
        AS outcome,
    ifNull(a.input_tokens + a.cache_read_tokens + a.cache_write_tokens + a.output_tokens, 0) AS ai_tokens,
    ifNull(a.cost_usd, 0) AS ai_cost_usd,
    c.cost_percentile AS ai_cost_percentile,
    ifNull(c.ai_heavy, false) AS ai_heavy,
    ifNull(r.reviews, 0) AS reviews,
    ifNull(r.review_rounds, 0) AS review_rounds,
    ifNull(r.changes_requested, 0) AS changes_requested,
    ifNull(r.approvals, 0) AS approvals,
    ifNull(r.approvals > 0 AND (s.merged_at IS NULL OR r.first_approved_at <= s.merged_at), false) AS approved,
    ifNull(l.incident_ids, []) AS incident_ids,
    s.merged AND s.merged_at IS NOT NULL AND v.reverted_at IS NOT NULL AS reverted,
    if(s.merged AND s.merged_at IS NOT NULL, v.reverted_at, NULL) AS reverted_at
FROM pull_request_state AS s
LEFT JOIN (SELECT * FROM pr_attribution FINAL) AS a ON a.repository = s.repository AND a.number = s.number
LEFT JOIN merged_pr_costs AS c ON c.repository = s.repository AND c.number = s.number
LEFT JOIN reviews AS r ON r.repository = s.repository AND r.number = s.number
LEFT JOIN links AS l ON l.repository = s.repository AND l.number = s.number
LEFT JOIN pr_reverts AS v ON v.repository = s.repository AND v.number = s.number
SETTINGS join_use_nulls = 1;
