-- The AI cost and cost percentile of an incident link, from the pull request's latest attribution rather than the
-- values the link was emitted with. The streams job fills a link's cost from the attribution it had seen when the
-- incident arrived, often before the pull request's requests were attributed ($0.00), and ranks it among the service's
-- recent merges as "the share costing at most as much": among merges that cost nothing yet, every one of them is at
-- the 100th percentile, so an incident after fifteen unattributed merges was listed fifteen times as "AI-heavy".
-- These views rank each merged pull request's final cost against every merged pull request, counting only those
-- strictly cheaper, so ties at $0.00 sit at the bottom, and call a pull request AI-heavy the way the
-- INCIDENT_AFTER_AI_HEAVY_PR detector does: a positive cost in the top decile of at least 20 merged pull requests
-- (the detector's defaults, streams.detect.incident.after.ai.heavy.pr.top.fraction and .min.pull.requests).

-- merged_pr_costs: every merged pull request once (latest attribution version), its AI cost and tokens, and the
-- share (0-100) of all merged pull requests that cost strictly less.
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
        repository,
        number,
        author_engineer_id AS engineer_id,
        team,
        service,
        merged_at,
        input_tokens + cache_read_tokens + cache_write_tokens + output_tokens AS tokens,
        cost_usd,
        count() OVER () AS merged_prs,
        rank() OVER (ORDER BY cost_usd) - 1 AS cheaper_prs
    FROM pr_attribution FINAL
    WHERE merged AND merged_at IS NOT NULL
);

-- incident_links_current: each incident link once, with its pull request's cost, tokens, percentile and AI-heavy
-- flag from merged_pr_costs. A link to a pull request without an attribution keeps the cost it was emitted with and
-- is never AI-heavy (no percentile).
CREATE OR REPLACE VIEW incident_links_current AS
SELECT
    l.link_id AS link_id,
    l.incident_provider AS incident_provider,
    l.incident_id AS incident_id,
    l.service AS service,
    l.incident_triggered_at AS incident_triggered_at,
    l.repository AS repository,
    l.number AS number,
    l.merged_at AS merged_at,
    l.reason AS reason,
    l.hours_since_merge AS hours_since_merge,
    if(c.number IS NULL, l.pr_cost_usd, c.cost_usd) AS pr_cost_usd,
    if(c.number IS NULL, l.pr_tokens, c.tokens) AS pr_tokens,
    if(c.merged_prs >= 20, c.cost_percentile, NULL) AS pr_cost_percentile,
    ifNull(c.ai_heavy, false) AS ai_heavy
FROM incident_links AS l FINAL
LEFT JOIN merged_pr_costs AS c ON c.repository = l.repository AND c.number = l.number
SETTINGS join_use_nulls = 1;
