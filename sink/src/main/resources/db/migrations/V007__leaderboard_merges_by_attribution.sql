-- The leaderboards count each merged pull request for its author and team. A PR event names a login, not an
-- engineer: pull_requests carries engineer_id and team only when the collector could resolve them, which the webhook
-- collectors do not, so the views of V004 counted no merges per engineer or team. The streams job's PR attribution
-- resolves the author and team of every PR; merged_pull_requests takes them from there when the PR event has none.

-- merged_pull_requests: every merged PR once, with its author and team (from the PR events, else the attribution).
CREATE OR REPLACE VIEW merged_pull_requests AS
SELECT
    s.repository AS repository,
    s.number AS number,
    s.merged_at AS merged_at,
    coalesce(s.engineer_id, a.author_engineer_id) AS engineer_id,
    coalesce(s.team, a.team) AS team
FROM pull_request_state AS s
LEFT JOIN (SELECT repository, number, author_engineer_id, team FROM pr_attribution FINAL) AS a
    ON a.repository = s.repository AND a.number = s.number
WHERE s.merged AND s.merged_at IS NOT NULL
SETTINGS join_use_nulls = 1;

-- leaderboard_daily_engineer: as in V004, merges from merged_pull_requests.
CREATE OR REPLACE VIEW leaderboard_daily_engineer AS
WITH
    spend AS (
        SELECT day, engineer_id, any(team) AS team,
               sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
               sum(cost_usd) AS cost_usd
        FROM usage_1d WHERE engineer_id != '' GROUP BY day, engineer_id),
    merges AS (
        SELECT toDate(merged_at) AS day, ifNull(engineer_id, '') AS engineer_id, count() AS merged_prs
        FROM merged_pull_requests GROUP BY day, engineer_id),
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

-- leaderboard_daily_team: as in V004, merges from merged_pull_requests.
CREATE OR REPLACE VIEW leaderboard_daily_team AS
WITH
    spend AS (
        SELECT day, team,
               sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
               sum(cost_usd) AS cost_usd
        FROM usage_1d WHERE team != '' GROUP BY day, team),
    merges AS (
        SELECT toDate(merged_at) AS day, ifNull(team, '') AS team, count() AS merged_prs
        FROM merged_pull_requests GROUP BY day, team),
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
