-- pr_outcomes: what became of each pull request and the AI spend attributed to it, the per-PR base of the
-- value-ranked leaderboard, the usage tiers and review survival (docs/queries.md). One row per pull request
-- (pull_request_state): its author and team (from the PR events, else the PR attribution, as merged_pull_requests),
-- its outcome (merged or closed unmerged), the AI spend attributed to it (pr_attribution, latest version), whether
-- that spend is in the top decile of merged pull requests (merged_pr_costs), its reviews, and the incidents linked
-- to it that point at it: an explicit reference, or an AI-heavy PR merged shortly before. An incident linked only
-- because the PR was one of the service's recent merges is not counted: such a link names every recent merge.
--
-- Reviews (pr_reviews) are events; a review edited or dismissed later is counted in its latest state. A round is one
-- reviewed commit (the head the review was submitted on), so a review after new pushes opens a new round. Approved
-- means an approval (in its latest state) submitted before the merge, or at any time for a PR not merged.
-- Reverts are not here: code pushes carry commit ids without messages, so a revert cannot be recognised.
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
    ifNull(l.incident_ids, []) AS incident_ids
FROM pull_request_state AS s
LEFT JOIN (SELECT * FROM pr_attribution FINAL) AS a ON a.repository = s.repository AND a.number = s.number
LEFT JOIN merged_pr_costs AS c ON c.repository = s.repository AND c.number = s.number
LEFT JOIN reviews AS r ON r.repository = s.repository AND r.number = s.number
LEFT JOIN links AS l ON l.repository = s.repository AND l.number = s.number
SETTINGS join_use_nulls = 1;
