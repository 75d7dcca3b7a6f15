-- Spend coverage: the provider usage exports (Anthropic Admin API, OpenAI usage API) next to the telemetry, per UTC
-- day, provider and organisation, to find spend that reaches the provider's bill without passing through any
-- collector (API keys used by scripts, services or tools without OpenTelemetry).
--
-- Exported spend: an export row's cost_usd when the export carries one, else its tokens priced with the price period
-- in force at the bucket's start (model_price_periods), the same table the streams job prices telemetry with, so a
-- request seen on both sides costs the same on both. A row without a model, or whose model has no price, cannot be
-- priced: it counts $0 and is counted in unpriced_rows. Copilot metrics carry no tokens or cost and are left out.
--
-- Organisation: the export row's organization_id when it has one. The Anthropic and OpenAI usage exports carry none
-- (an Admin API key belongs to one organisation): such a row stands for every organisation the telemetry of its day
-- and provider names that no export row of the day names, and the view shows it with organization_id ''.
--
-- Never twice: per day, provider and organisation only the excess of the export over the telemetry is uninstrumented,
-- greatest(exported - telemetry, 0). The comparison is not made per workspace or API key: telemetry carries no
-- workspace, and Claude Code telemetry names a person rather than a key, so a per-key comparison would call spend
-- uninstrumented that the telemetry counted under another identity. Uninstrumented spend therefore belongs to no
-- team: team_spend_daily lists it as its own line, team 'uninstrumented'.

-- provider_usage_costed: each current export row (highest version) with the spend it stands for.
CREATE OR REPLACE VIEW provider_usage_costed AS
SELECT
    u.event_id AS event_id,
    u.source AS source,
    u.provider AS provider,
    toDate(u.bucket_start) AS day,
    u.bucket_start AS bucket_start,
    u.bucket_end AS bucket_end,
    ifNull(u.organization_id, '') AS organization_id,
    u.workspace_id AS workspace_id,
    u.api_key_id AS api_key_id,
    u.model AS model,
    u.input_tokens + u.cache_read_tokens + u.cache_write_tokens + u.output_tokens AS tokens,
    coalesce(u.cost_usd,
        if(p.valid_from = toDateTime64(0, 3, 'UTC'), NULL,
            (u.input_tokens * p.input_usd_per_million + u.output_tokens * p.output_usd_per_million
             + u.cache_read_tokens * p.cache_read_usd_per_million
             + u.cache_write_tokens * p.cache_write_usd_per_million) / 1e6)) AS cost_usd
FROM (SELECT * FROM provider_usage FINAL WHERE source IN ('ANTHROPIC_ADMIN_API', 'OPENAI_USAGE_API')) AS u
ASOF LEFT JOIN (SELECT * FROM model_price_periods) AS p
    ON u.provider = p.provider AND ifNull(u.model, '') = p.model AND u.bucket_start >= p.valid_from;

-- spend_coverage: per UTC day, provider and organisation with an export, the exported spend, the telemetry's spend
-- (token_usage, priced as usage_1d prices it) and the part of the export the telemetry did not see.
CREATE OR REPLACE VIEW spend_coverage AS
WITH
    exported AS (
        SELECT day, provider, organization_id, count() AS export_rows, countIf(cost_usd IS NULL) AS unpriced_rows,
               sum(ifNull(cost_usd, 0)) AS exported_usd
        FROM provider_usage_costed
        GROUP BY day, provider, organization_id),
    named AS (
        SELECT DISTINCT day, provider, organization_id FROM exported WHERE organization_id != ''),
    seen AS (
        SELECT toDate(occurred_at) AS day, provider, ifNull(organization_id, '') AS organization_id,
               sum(ifNull(computed_cost_usd, ifNull(reported_cost_usd, 0))) AS telemetry_usd
        FROM token_usage
        WHERE (toDate(occurred_at), provider) IN (SELECT day, provider FROM exported)
        GROUP BY day, provider, organization_id),
    telemetry AS (
        SELECT s.day AS day, s.provider AS provider, if(n.day IS NULL, '', s.organization_id) AS organization_id,
               sum(s.telemetry_usd) AS telemetry_usd
        FROM seen AS s
        LEFT JOIN named AS n
            ON n.day = s.day AND n.provider = s.provider AND n.organization_id = s.organization_id
        GROUP BY day, provider, organization_id
        SETTINGS join_use_nulls = 1)
SELECT
    e.day AS day,
    e.provider AS provider,
    e.organization_id AS organization_id,
    e.export_rows AS export_rows,
    e.unpriced_rows AS unpriced_rows,
    round(e.exported_usd, 4) AS exported_usd,
    round(ifNull(t.telemetry_usd, 0), 4) AS telemetry_usd,
    round(greatest(e.exported_usd - ifNull(t.telemetry_usd, 0), 0), 4) AS uninstrumented_usd,
    if(e.exported_usd > 0, round(least(ifNull(t.telemetry_usd, 0) / e.exported_usd, 1), 4), NULL)
        AS instrumented_share
FROM exported AS e
LEFT JOIN telemetry AS t
    ON t.day = e.day AND t.provider = e.provider AND t.organization_id = e.organization_id
SETTINGS join_use_nulls = 1;

-- team_spend_daily: each team's telemetry spend per UTC day (usage_1d) and, as a line of its own with team
-- 'uninstrumented', the spend the exports show and the telemetry did not see. Summing the lines of a day gives the
-- organisation's spend with every dollar once: the telemetry's, plus the exports' excess over it.
CREATE OR REPLACE VIEW team_spend_daily AS
SELECT day, team, 'telemetry' AS spend_source, round(sum(cost_usd), 4) AS cost_usd
FROM usage_1d
GROUP BY day, team
UNION ALL
SELECT day, 'uninstrumented' AS team, 'provider-export' AS spend_source, round(sum(uninstrumented_usd), 4) AS cost_usd
FROM spend_coverage
GROUP BY day
HAVING cost_usd > 0;
