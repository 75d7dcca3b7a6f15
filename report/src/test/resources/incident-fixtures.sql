-- The default demo's incident after a burst of merges: 24 pull requests merged into svc-checkout, of which 20 never
-- had AI spend attributed and 4 did, each first attributed at $0.00 and refined later (version 2). The incident
-- INC-42 is linked to all 24, each link emitted while its PR's attribution was still $0.00, with the percentile the
-- streams job computed then (the share of the service's merges costing at most as much: 100) and flagged AI-heavy.
-- IncidentSectionIT expects only the two PRs whose final cost is in the top decile: #23 ($50.00, 91.7) and
-- #24 ($110.74, 95.8). The INCIDENT_AFTER_AI_HEAVY_PR finding for #24 carries its attributed tokens and cost.
-- Their merge events: merged at 02:00.
INSERT INTO pull_requests (event_id, occurred_at, accepted_at, provider, repository, number, action, state, merged,
    draft, branch, base_branch, author_login, service, merged_at, closed_at, commit_shas, labels, kafka_partition,
    kafka_offset)
SELECT
    concat('pr-checkout-', toString(number)), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), 'GITHUB', 'acme/checkout', number, 'MERGED', 'MERGED', true,
    false, concat('feature-', toString(number)), 'main', 'frank-gh', 'svc-checkout',
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), [], [], 0,
    number
FROM numbers(1, 24);

INSERT INTO pr_attribution (provider, repository, number, version, updated_at, finalized, state, merged, branch,
    author_engineer_id, team, service, merged_at, requests, input_tokens, cache_read_tokens, cache_write_tokens,
    output_tokens, exact_match_tokens, inferred_match_tokens, cost_usd, sessions, engineers, engineer_ids,
    kafka_partition, kafka_offset)
SELECT
    'GITHUB', 'acme/checkout', a.1, a.2, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(3 + a.2), a.2 = 2, 'MERGED',
    true, concat('feature-', toString(a.1)), 'frank', 'checkout', 'svc-checkout',
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), 1, a.3, 0, 0, 0, a.3, 0, a.4, 1, 1, ['frank'], 0,
    a.1 * 10 + a.2
FROM
(
    SELECT arrayJoin(arrayConcat(
        arrayMap(n -> (toInt64(n), toInt64(1), toInt64(0), toFloat64(0)), range(1, 21)),
        [(21, 1, 0, 0.0), (21, 2, 2000000, 30.0), (22, 1, 0, 0.0), (22, 2, 3000000, 40.0),
         (23, 1, 0, 0.0), (23, 2, 4000000, 50.0), (24, 1, 0, 0.0), (24, 2, 9000000, 110.74)])) AS a
);

INSERT INTO incident_links (link_id, linked_at, incident_provider, incident_id, service, incident_triggered_at,
    repository, number, merged_at, reason, hours_since_merge, pr_cost_usd, pr_tokens, pr_cost_percentile, ai_heavy,
    kafka_partition, kafka_offset)
SELECT
    concat('PAGERDUTY:INC-42|acme/checkout#', toString(number)), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(5),
    'PAGERDUTY', 'INC-42', 'svc-checkout', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(5), 'acme/checkout', number,
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), 'SERVICE_RECENT_MERGE', 3.0, 0, 0, 100.0, true, 0, number
FROM numbers(1, 24);

INSERT INTO waste_findings (finding_id, pattern, version, detected_at, engineer_id, team, repository,
    pull_request_number, service, window_start, window_end, tokens, estimated_wasted_cost_usd, evidence, summary,
    kafka_partition, kafka_offset)
VALUES ('incident-42-24', 'INCIDENT_AFTER_AI_HEAVY_PR', 1, now64(3, 'UTC'), 'frank', 'checkout', 'acme/checkout', 24,
    'svc-checkout', toStartOfDay(now64(3, 'UTC')) + toIntervalHour(2), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(5),
    9000000, 110.74, map('prCostUsd', 110.74), 'Incident INC-42 on svc-checkout', 0, 0);
