-- A small organisation on one UTC day (today): three teams, five engineers with AI spend and one without, merged
-- pull requests and their reviews, waste findings (one refined in a second version), attributed PR spend, incident
-- links, alerts, budgets and a provider usage export. ReportIT asserts the
-- figures the report computes from these rows.

-- Spend: per engineer, requests at consecutive hours from a first hour, each with the same tokens and cost.
--   alice  payments  10 requests from 09:00, 100,000 in + 2,000 out, $1.50 each  -> 1,020,000 tokens, $15.00
--   bob    payments   8 requests from 01:00, 200,000 in + 1,000 out, $2.00 each  -> 1,608,000 tokens, $16.00
--   carol  platform   6 requests from 10:00,  50,000 in + 5,000 out, $0.50 each  ->   330,000 tokens,  $3.00
--   dave   platform   4 requests from 13:00,  20,000 in + 1,000 out, $0.25 each  ->    84,000 tokens,  $1.00
--   erin   search    12 requests from 08:00,  80,000 in + 4,000 out, $1.00 each  -> 1,008,000 tokens, $12.00
INSERT INTO token_usage (event_id, occurred_at, accepted_at, source, provider, model, tool, engineer_id, team,
    session_id, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
    computed_cost_usd, status, kafka_partition, kafka_offset)
SELECT
    concat(e.1, '-', toString(number)) AS event_id,
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(e.4 + number) + toIntervalMinute(10) AS occurred_at,
    occurred_at AS accepted_at,
    'SIMULATOR', 'anthropic', 'claude-sonnet-4-5', 'claude_code',
    e.1, e.2, concat('s-', e.1, '-1'),
    e.5, 0, 0, e.6, 0, e.7, 'SUCCESS', 0, number
FROM
(
    SELECT arrayJoin([
        ('alice', 'payments', 10, 9, 100000, 2000, 1.5),
        ('bob', 'payments', 8, 1, 200000, 1000, 2.0),
        ('carol', 'platform', 6, 10, 50000, 5000, 0.5),
        ('dave', 'platform', 4, 13, 20000, 1000, 0.25),
        ('erin', 'search', 12, 8, 80000, 4000, 1.0)]) AS e
) AS engineers
ARRAY JOIN range(toUInt64(e.3)) AS number;

-- Merged pull requests: alice 3 (payments), carol 2 (platform), erin 1 (search); one PR of bob's closed unmerged.
-- Each merge commit's id is the SHA-1 of the PR's repository and number.
INSERT INTO pull_requests (event_id, occurred_at, accepted_at, provider, repository, number, action, state, merged,
    draft, branch, base_branch, author_login, engineer_id, team, service, merged_at, closed_at, merge_commit_sha,
    commit_shas, labels, kafka_partition, kafka_offset)
SELECT
    concat('pr-', p.1, '-', toString(p.2)),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15),
    'GITHUB', p.1, p.2, if(p.5, 'MERGED', 'CLOSED'), if(p.5, 'MERGED', 'CLOSED'), p.5, false,
    concat('feature-', toString(p.2)), 'main', p.3, p.3, p.4, concat('svc-', p.4),
    if(p.5, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15), NULL),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15), if(p.5, lower(hex(SHA1(concat(p.1, '#', toString(p.2))))), NULL),
    [], [], 0, p.2
FROM
(
    SELECT arrayJoin([
        ('acme/payments', 101, 'alice', 'payments', true),
        ('acme/payments', 102, 'alice', 'payments', true),
        ('acme/payments', 103, 'alice', 'payments', true),
        ('acme/payments', 104, 'bob', 'payments', false),
        ('acme/platform', 201, 'carol', 'platform', true),
        ('acme/platform', 202, 'carol', 'platform', true),
        ('acme/search', 301, 'erin', 'search', true)]) AS p
);

-- A push to main two hours after the merges reverts alice's PR 102 (its merge commit); a push to a revert branch
-- reverts carol's PR 201, which does not count until it reaches main.
INSERT INTO code_pushes (event_id, occurred_at, accepted_at, provider, repository, branch, ref, pusher_login,
    commit_shas, commit_author_emails, commit_count, created, deleted, forced, reverted_commit_ids, kafka_partition,
    kafka_offset)
SELECT
    concat('push-', p.1), toStartOfDay(now64(3, 'UTC')) + toIntervalHour(17),
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(17), 'GITHUB', p.2, p.3, concat('refs/heads/', p.3), p.4,
    [lower(hex(SHA1(p.1)))], [], 1, false, false, false, [lower(hex(SHA1(concat(p.2, '#', toString(p.5)))))], 0, p.5
FROM
(
    SELECT arrayJoin([
        ('revert-102', 'acme/payments', 'main', 'alice', 102),
        ('revert-201', 'acme/platform', 'revert-201', 'carol', 201)]) AS p
);

-- Waste findings: bob's loop has two versions (the second, larger one counts); bob's overnight padding; a loop of
-- alice's; a retry storm of erin's.
INSERT INTO waste_findings (finding_id, pattern, version, detected_at, engineer_id, team, session_id, window_start,
    window_end, tokens, estimated_wasted_cost_usd, evidence, summary, kafka_partition, kafka_offset)
SELECT
    f.1, f.2, f.3, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(20), f.4, f.5, f.6,
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(f.7),
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(f.8),
    f.9, f.10, map('repeats', f.11), concat(f.2, ' of ', f.4), 0, f.3
FROM
(
    SELECT arrayJoin([
        ('loop-bob', 'LOOPING_AGENT', 1, 'bob', 'payments', 's-bob-1', 120, 126, 300000, 3.0, 7.0),
        ('loop-bob', 'LOOPING_AGENT', 2, 'bob', 'payments', 's-bob-1', 120, 130, 600000, 6.0, 14.0),
        ('loop-alice', 'LOOPING_AGENT', 1, 'alice', 'payments', 's-alice-1', 600, 607, 200000, 2.5, 7.0),
        ('night-bob', 'OVERNIGHT_PADDING', 1, 'bob', 'payments', 's-bob-1', 60, 510, 1200000, 9.0, 0.0),
        ('retry-erin', 'RETRY_STORM', 1, 'erin', 'search', 's-erin-1', 540, 544, 50000, 0.4, 12.0)]) AS f
);

-- AI spend attributed to pull requests: PR 101 refined from $2.00 to $6.00; bob's unmerged PR does not count.
INSERT INTO pr_attribution (provider, repository, number, version, updated_at, finalized, state, merged, branch,
    author_engineer_id, team, service, merged_at, requests, input_tokens, cache_read_tokens, cache_write_tokens,
    output_tokens, exact_match_tokens, inferred_match_tokens, cost_usd, sessions, engineers, engineer_ids,
    kafka_partition, kafka_offset)
SELECT
    'GITHUB', a.1, a.2, a.3, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(16), true, if(a.5, 'MERGED', 'CLOSED'),
    a.5, concat('feature-', toString(a.2)), a.4, a.6, concat('svc-', a.6),
    if(a.5, toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15), NULL),
    10, a.7, 0, 0, 1000, a.7, 0, a.8, 1, 1, [a.4], 0, a.2 * 10 + a.3
FROM
(
    SELECT arrayJoin([
        ('acme/payments', 101, 1, 'alice', true, 'payments', 100000, 2.0),
        ('acme/payments', 101, 2, 'alice', true, 'payments', 400000, 6.0),
        ('acme/payments', 102, 1, 'alice', true, 'payments', 200000, 3.0),
        ('acme/payments', 103, 1, 'alice', true, 'payments', 100000, 1.5),
        ('acme/payments', 104, 1, 'bob', false, 'payments', 300000, 4.0),
        ('acme/platform', 201, 1, 'carol', true, 'platform', 60000, 1.0),
        ('acme/platform', 202, 1, 'carol', true, 'platform', 30000, 0.5),
        ('acme/search', 301, 1, 'erin', true, 'search', 700000, 9.0)]) AS a
);

-- Incidents linked to merged PRs: one after the search PR (linked as a recent merge of the service, emitted as
-- AI-heavy at the 96th percentile, which six merged PRs cannot support), one naming an ordinary platform PR.
INSERT INTO incident_links (link_id, linked_at, incident_provider, incident_id, service, incident_triggered_at,
    repository, number, merged_at, reason, hours_since_merge, pr_cost_usd, pr_tokens, pr_cost_percentile, ai_heavy,
    kafka_partition, kafka_offset)
SELECT
    concat(l.1, '/', l.3), toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(l.5), 'PAGERDUTY', l.1, l.2,
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(l.5), l.3, l.4,
    toStartOfDay(now64(3, 'UTC')) + toIntervalHour(15), l.11, l.6, l.7, l.8, l.9, l.10, 0, l.4
FROM
(
    SELECT arrayJoin([
        ('INC-7', 'svc-search', 'acme/search', 301, 1380, 8.0, 9.0, 704000, 96.0, true, 'SERVICE_RECENT_MERGE'),
        ('INC-8', 'svc-platform', 'acme/platform', 202, 1200, 5.0, 0.5, 31000, 40.0, false, 'EXPLICIT_REFERENCE')])
        AS l
);

-- Alerts: two anomalous-burn alerts for bob, one 80% budget alert for payments.
INSERT INTO burn_alerts (alert_id, kind, subject_kind, subject_id, team, budget_period, window_start, window_end,
    raised_at, observed_usd, baseline_usd, threshold_usd, budget_usd, message, kafka_partition, kafka_offset)
SELECT
    a.1, a.2, a.3, a.4, 'payments', a.5, toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(a.6),
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(a.6 + 60), toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(a.6 + 61),
    a.7, 2.0, 8.0, a.8, concat(a.2, ' for ', a.4), 0, a.6
FROM
(
    SELECT arrayJoin([
        ('alert-1', 'ANOMALOUS_BURN', 'ENGINEER', 'bob', NULL, 120, 12.0, NULL),
        ('alert-2', 'ANOMALOUS_BURN', 'ENGINEER', 'bob', NULL, 300, 16.0, NULL),
        ('alert-3', 'BUDGET_80_PERCENT', 'TEAM', 'payments', 'DAILY', 1080, 31.0, 35.0)]) AS a
);

-- Budgets in force: payments $35 a day (at 89% with $31 spent), platform $100 a day.
INSERT INTO directory (entry_key, kind, version, updated_at, budget_subject_kind, budget_subject_id, budget_daily_usd,
    budget_monthly_usd, kafka_partition, kafka_offset)
VALUES ('budget:TEAM:payments', 'BUDGET', 1, '2026-01-01 00:00:00', 'TEAM', 'payments', 35, 700, 0, 0),
       ('budget:TEAM:platform', 'BUDGET', 1, '2026-01-01 00:00:00', 'TEAM', 'platform', 100, 2000, 0, 1);

-- Reviews, latest state per review counting: 101 approved; 102 changes requested, then approved on a new commit
-- (2 rounds); 103 none; 201 approved, then the approval dismissed; 202 commented; 301 approved an hour after the
-- merge; bob's unmerged 104 changes requested. Merged PRs with AI spend and no approval: alice 1, carol 2, erin 1.
INSERT INTO pr_reviews (event_id, occurred_at, accepted_at, provider, repository, number, review_id, state,
    reviewer_login, submitted_at, commit_sha, kafka_partition, kafka_offset)
SELECT
    concat('review-', r.3, '-', r.4), toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(r.5),
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(r.5), 'GITHUB', r.1, r.2, r.3, r.4, 'dave',
    toStartOfDay(now64(3, 'UTC')) + toIntervalMinute(r.5), r.6, 0, r.5
FROM
(
    SELECT arrayJoin([
        ('acme/payments', 101, 'r1', 'APPROVED', 840, 'a1'),
        ('acme/payments', 102, 'r2', 'CHANGES_REQUESTED', 720, 'b1'),
        ('acme/payments', 102, 'r3', 'APPROVED', 840, 'b2'),
        ('acme/platform', 201, 'r4', 'APPROVED', 840, 'c1'),
        ('acme/platform', 201, 'r4', 'DISMISSED', 870, 'c1'),
        ('acme/platform', 202, 'r5', 'COMMENTED', 840, 'd1'),
        ('acme/search', 301, 'r6', 'APPROVED', 960, 'e1'),
        ('acme/payments', 104, 'r7', 'CHANGES_REQUESTED', 840, 'f1')]) AS r
);

-- The directory's engineers: the five above and gina (platform), who used no AI at all.
INSERT INTO directory (entry_key, kind, version, updated_at, engineer_engineer_id, engineer_team, kafka_partition,
    kafka_offset)
SELECT concat('engineer:', e.1), 'ENGINEER', 1, '2026-01-01 00:00:00', e.1, e.2, 0, 10 + e.3
FROM
(
    SELECT arrayJoin([('alice', 'payments', 1), ('bob', 'payments', 2), ('carol', 'platform', 3),
        ('dave', 'platform', 4), ('erin', 'search', 5), ('gina', 'platform', 6)]) AS e
);

-- Provider usage export of today (Anthropic Admin API, no organisation): $52 in two rows against the $47 the
-- telemetry saw, so $5 is uninstrumented (instrumented share 0.9038); the first row imported twice, the later
-- version counting. A Copilot metrics row carries no spend and is never compared.
INSERT INTO provider_usage (event_id, source, provider, bucket_start, bucket_end, imported_at, version, model,
    input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, cost_usd, kafka_partition, kafka_offset)
SELECT x.1, x.2, x.3, toStartOfDay(now64(3, 'UTC')), toStartOfDay(now64(3, 'UTC')) + toIntervalDay(1),
    now64(3, 'UTC'), x.4, x.5, 0, 0, 0, 0, x.6, 0, x.4 * 10 + x.7
FROM
(
    SELECT arrayJoin([
        ('export-1', 'ANTHROPIC_ADMIN_API', 'anthropic', 1, 'claude-sonnet-4-5', 25.0, 1),
        ('export-1', 'ANTHROPIC_ADMIN_API', 'anthropic', 2, 'claude-sonnet-4-5', 30.0, 1),
        ('export-2', 'ANTHROPIC_ADMIN_API', 'anthropic', 1, 'claude-haiku-4-5', 22.0, 2),
        ('copilot-1', 'COPILOT_METRICS', 'github', 1, NULL, NULL, 3)]) AS x
);
