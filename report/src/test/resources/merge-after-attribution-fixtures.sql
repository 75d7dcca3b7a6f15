-- A pull request merged after its last attributed request: acme/shop#21 was opened at 01:00, its requests ran from
-- 01:30 to 02:30 ($120.00, 3,000,000 tokens) and were attributed while it was open (version 2, merged false); the
-- merge event came at 04:00 and no attribution row followed it. Twenty other merged pull requests of acme/shop cost
-- $1.00 to $20.00, their attributions emitted after their merges. INC-77 on svc-shop followed #21's merge.
-- MergedPrCostsIT expects #21 merged at 04:00, ranked above the other twenty and AI-heavy.
INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, tool, engineer_id, team,
    session_id, repository, branch, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens,
    reasoning_tokens, computed_cost_usd, status, kafka_partition, kafka_offset)
SELECT
    concat('shop-21-', toString(number)), toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(90 + 30 * number),
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(90 + 30 * number), 'SIMULATOR', 'anthropic',
    'claude-sonnet-4-5', 'claude_code', 'grace', 'shop', 's-grace-1', 'acme/shop', 'feature-21', 1000000, 0, 0, 0,
    0, 40.0, 'SUCCESS', 0, number
FROM numbers(3);

INSERT INTO pull_requests (event_id, occurred_at, accepted_at, provider, repository, number, action, state, merged,
    draft, branch, base_branch, author_login, service, merged_at, closed_at, commit_shas, labels, kafka_partition,
    kafka_offset)
SELECT
    concat('pr-shop-', toString(p.1), '-', p.2), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(p.3),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(p.3), 'GITHUB', 'acme/shop', p.1, p.2, p.4, p.4 = 'MERGED', false,
    concat('feature-', toString(p.1)), 'main', 'grace-gh', 'svc-shop',
    if(p.4 = 'MERGED', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(p.3), NULL),
    if(p.4 = 'MERGED', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(p.3), NULL), [], [], 0, p.1 * 10 + p.3
FROM
(
    SELECT arrayJoin(arrayConcat(
        arrayMap(n -> (toInt64(n), 'MERGED', 1, 'MERGED'), range(1, 21)),
        [(21, 'OPENED', 1, 'OPEN'), (21, 'MERGED', 4, 'MERGED')])) AS p
);

INSERT INTO pr_attribution (provider, repository, number, version, updated_at, finalized, state, merged, branch,
    author_engineer_id, team, service, merged_at, first_usage_at, last_usage_at, requests, input_tokens,
    cache_read_tokens, cache_write_tokens, output_tokens, exact_match_tokens, inferred_match_tokens, cost_usd,
    sessions, engineers, engineer_ids, kafka_partition, kafka_offset)
SELECT
    'GITHUB', 'acme/shop', a.1, a.2, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(1), a.3, if(a.3, 'MERGED', 'OPEN'),
    a.3, concat('feature-', toString(a.1)), 'grace', 'shop', 'svc-shop',
    if(a.3, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(1), NULL), NULL, NULL, a.4, a.5, 0, 0, 0, a.5, 0, a.6, 1, 1,
    ['grace'], 0, a.1 * 10 + a.2
FROM
(
    SELECT arrayJoin(arrayConcat(
        arrayMap(n -> (toInt64(n), toInt64(1), true, toInt64(1), toInt64(n * 25000), toFloat64(n)), range(1, 21)),
        [(21, 1, false, 0, 0, 0.0), (21, 2, false, 3, 3000000, 120.0)])) AS a
);

INSERT INTO incident_links (link_id, linked_at, incident_provider, incident_id, service, incident_triggered_at,
    repository, number, merged_at, reason, hours_since_merge, pr_cost_usd, pr_tokens, pr_cost_percentile, ai_heavy,
    kafka_partition, kafka_offset)
VALUES ('PAGERDUTY:INC-77|acme/shop#21', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(6), 'PAGERDUTY', 'INC-77',
    'svc-shop', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(6), 'acme/shop', 21,
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(4), 'SERVICE_RECENT_MERGE', 2.0, 0, 0, NULL, false, 0, 0);
