-- merged_pr_costs (V009) took "merged" and the merge time from the pull request's attribution. An attribution row is
-- a snapshot of the pull request when the streams job last emitted it, and its highest version wins: when the
-- merge's emission has not reached ClickHouse yet, or carries a lower version (a pull request reopened and merged
-- after the job stopped keeping its closed attribution, streams.pr.attribution.closed.retention.ms, starts again at
-- version 1; jobs before this release did so on every reopen), the row says "not merged" and the merged pull request
-- was missing from the ranking, from the incident links' AI-heavy flag and from pr_outcomes' percentile. Whether and when a pull request merged is the pull request's own state
-- (pull_request_state, the latest of its events); the attribution gives only its author, team, service and AI spend.

-- merged_pr_costs: every merged pull request (pull_request_state) with an attribution, once: its AI cost and tokens
-- (latest attribution version), and the share (0-100) of all such merged pull requests that cost strictly less.
CREATE OR REPLACE VIEW merged_pr_costs AS
SELECT
    repository,
    number,
    engineer_id,
    team,
    service,
    merged_at,
    tokens,
    cost_usd,
    merged_prs,
    cheaper_prs,
    round(100 * cheaper_prs / merged_prs, 1) AS cost_percentile,
    merged_prs >= 20 AND cost_usd > 0 AND cheaper_prs >= 0.9 * merged_prs AS ai_heavy
FROM
(
    SELECT
        s.repository AS repository,
        s.number AS number,
        a.author_engineer_id AS engineer_id,
        a.team AS team,
        coalesce(a.service, s.service) AS service,
        s.merged_at AS merged_at,
        a.input_tokens + a.cache_read_tokens + a.cache_write_tokens + a.output_tokens AS tokens,
        a.cost_usd AS cost_usd,
        count() OVER () AS merged_prs,
        rank() OVER (ORDER BY a.cost_usd) - 1 AS cheaper_prs
    FROM pull_request_state AS s
    INNER JOIN (SELECT * FROM pr_attribution FINAL) AS a ON a.repository = s.repository AND a.number = s.number
    WHERE s.merged AND s.merged_at IS NOT NULL
);
