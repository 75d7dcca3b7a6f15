-- Views for BI dashboards and the query cookbook. Upsert tables are read with FINAL, so every view is correct
-- before merges happen; summing tables are read with sum() ... GROUP BY.

-- pull_request_state: the latest state of each pull request (argMax over its append-only events).
CREATE OR REPLACE VIEW pull_request_state AS
SELECT
    repository,
    number,
    argMax(state, occurred_at) AS state,
    argMax(merged, occurred_at) AS merged,
    argMax(merged_at, occurred_at) AS merged_at,
    argMax(closed_at, occurred_at) AS closed_at,
    argMax(engineer_id, occurred_at) AS engineer_id,
    argMax(team, occurred_at) AS team,
    argMax(service, occurred_at) AS service,
    argMax(author_login, occurred_at) AS author_login,
    argMax(branch, occurred_at) AS branch,
    max(occurred_at) AS last_event_at
FROM pull_requests
GROUP BY repository, number;

-- token_usage_costed: every request with the team and price in force when it happened. The enriched topic
-- already carries both; the ASOF joins fill them from the directory and price history when enrichment could not.
CREATE OR REPLACE VIEW token_usage_costed AS
SELECT
    u.event_id AS event_id,
    u.occurred_at AS occurred_at,
    u.provider AS provider,
    u.model AS model,
    u.tool AS tool,
    u.engineer_id AS engineer_id,
    coalesce(u.team, e.team) AS team,
    u.session_id AS session_id,
    u.repository AS repository,
    u.status AS status,
    u.input_tokens + u.cache_read_tokens + u.cache_write_tokens + u.output_tokens AS tokens,
    coalesce(u.computed_cost_usd,
        if(p.valid_from = toDateTime64(0, 3, 'UTC'), NULL,
            (u.input_tokens * p.input_usd_per_million + u.output_tokens * p.output_usd_per_million
             + u.cache_read_tokens * p.cache_read_usd_per_million
             + u.cache_write_tokens * p.cache_write_usd_per_million) / 1e6),
        u.reported_cost_usd, 0) AS cost_usd
FROM token_usage AS u
ASOF LEFT JOIN (SELECT * FROM engineer_periods) AS e
    ON ifNull(u.engineer_id, '') = ifNull(e.engineer_id, '') AND u.occurred_at >= e.valid_from
ASOF LEFT JOIN (SELECT * FROM model_price_periods) AS p
    ON u.provider = p.provider AND u.model = p.model AND u.occurred_at >= p.valid_from;

-- waste_daily: waste findings (latest version) per day, engineer, team and pattern.
CREATE OR REPLACE VIEW waste_daily AS
SELECT
    toDate(window_start) AS day,
    ifNull(engineer_id, '') AS engineer_id,
    ifNull(team, '') AS team,
    pattern,
    count() AS findings,
    sum(tokens) AS tokens,
    sum(estimated_wasted_cost_usd) AS wasted_cost_usd
FROM waste_findings FINAL
GROUP BY day, engineer_id, team, pattern;

-- leaderboard_daily_engineer: value per token per engineer and day. Never raw tokens alone: tokens and cost sit
-- next to merged PRs, cost per merged PR and the share of tokens that waste findings flagged.
CREATE OR REPLACE VIEW leaderboard_daily_engineer AS
WITH
    spend AS (
        SELECT day, engineer_id, any(team) AS team,
               sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
               sum(cost_usd) AS cost_usd
        FROM usage_1d WHERE engineer_id != '' GROUP BY day, engineer_id),
    merges AS (
        SELECT toDate(merged_at) AS day, ifNull(engineer_id, '') AS engineer_id, count() AS merged_prs
        FROM pull_request_state WHERE merged AND merged_at IS NOT NULL GROUP BY day, engineer_id),
    waste AS (
        SELECT day, engineer_id, sum(tokens) AS waste_tokens, sum(wasted_cost_usd) AS wasted_cost_usd
        FROM waste_daily GROUP BY day, engineer_id)
SELECT
    s.day AS day,
    s.engineer_id AS engineer_id,
    s.team AS team,
    s.tokens AS tokens,
    round(s.cost_usd, 4) AS cost_usd,
    ifNull(m.merged_prs, 0) AS merged_prs,
    if(ifNull(m.merged_prs, 0) = 0, NULL, round(s.cost_usd / m.merged_prs, 4)) AS cost_per_merged_pr_usd,
    round(if(s.tokens = 0, 0, least(1, ifNull(w.waste_tokens, 0) / s.tokens)), 4) AS waste_share
FROM spend AS s
LEFT JOIN merges AS m ON m.day = s.day AND m.engineer_id = s.engineer_id
LEFT JOIN waste AS w ON w.day = s.day AND w.engineer_id = s.engineer_id
SETTINGS join_use_nulls = 1;

-- leaderboard_daily_team: the same per team.
CREATE OR REPLACE VIEW leaderboard_daily_team AS
WITH
    spend AS (
        SELECT day, team,
               sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
               sum(cost_usd) AS cost_usd
        FROM usage_1d WHERE team != '' GROUP BY day, team),
    merges AS (
        SELECT toDate(merged_at) AS day, ifNull(team, '') AS team, count() AS merged_prs
        FROM pull_request_state WHERE merged AND merged_at IS NOT NULL GROUP BY day, team),
    waste AS (
        SELECT day, team, sum(tokens) AS waste_tokens FROM waste_daily GROUP BY day, team)
SELECT
    s.day AS day,
    s.team AS team,
    s.tokens AS tokens,
    round(s.cost_usd, 4) AS cost_usd,
    ifNull(m.merged_prs, 0) AS merged_prs,
    if(ifNull(m.merged_prs, 0) = 0, NULL, round(s.cost_usd / m.merged_prs, 4)) AS cost_per_merged_pr_usd,
    round(if(s.tokens = 0, 0, least(1, ifNull(w.waste_tokens, 0) / s.tokens)), 4) AS waste_share
FROM spend AS s
LEFT JOIN merges AS m ON m.day = s.day AND m.team = s.team
LEFT JOIN waste AS w ON w.day = s.day AND w.team = s.team
SETTINGS join_use_nulls = 1;

-- waste_by_pattern_team: findings, tokens and estimated wasted cost per day, pattern and team.
CREATE OR REPLACE VIEW waste_by_pattern_team AS
SELECT day, pattern, team, sum(findings) AS findings, sum(tokens) AS tokens,
       round(sum(wasted_cost_usd), 4) AS wasted_cost_usd
FROM waste_daily
GROUP BY day, pattern, team;

-- team_budget_status: each team's budget in force against its spend today and this month (UTC).
CREATE OR REPLACE VIEW team_budget_status AS
WITH spend AS (
    SELECT team,
           sumIf(cost_usd, day = today()) AS spent_today_usd,
           sumIf(cost_usd, toStartOfMonth(day) = toStartOfMonth(today())) AS spent_month_usd
    FROM usage_1d WHERE day >= toStartOfMonth(today()) GROUP BY team)
SELECT
    b.subject_id AS team,
    b.daily_usd AS daily_budget_usd,
    round(ifNull(s.spent_today_usd, 0), 4) AS spent_today_usd,
    if(b.daily_usd > 0, round(ifNull(s.spent_today_usd, 0) / b.daily_usd, 4), NULL) AS daily_used_share,
    b.monthly_usd AS monthly_budget_usd,
    round(ifNull(s.spent_month_usd, 0), 4) AS spent_month_usd,
    if(b.monthly_usd > 0, round(ifNull(s.spent_month_usd, 0) / b.monthly_usd, 4), NULL) AS monthly_used_share,
    multiIf(
        (b.daily_usd > 0 AND ifNull(s.spent_today_usd, 0) >= b.daily_usd)
            OR (b.monthly_usd > 0 AND ifNull(s.spent_month_usd, 0) >= b.monthly_usd), 'OVER',
        (b.daily_usd > 0 AND ifNull(s.spent_today_usd, 0) >= 0.8 * b.daily_usd)
            OR (b.monthly_usd > 0 AND ifNull(s.spent_month_usd, 0) >= 0.8 * b.monthly_usd), 'WARNING',
        'OK') AS status
FROM budgets_current AS b
LEFT JOIN spend AS s ON s.team = b.subject_id
WHERE b.subject_kind = 'TEAM'
SETTINGS join_use_nulls = 1;

-- cost_by_model_tool_daily: requests, tokens and cost per day, model and tool.
CREATE OR REPLACE VIEW cost_by_model_tool_daily AS
SELECT day, model, tool, sum(requests) AS requests,
       sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
       round(sum(cost_usd), 4) AS cost_usd
FROM usage_1d
GROUP BY day, model, tool;
