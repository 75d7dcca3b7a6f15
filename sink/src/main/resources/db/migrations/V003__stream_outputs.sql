-- Tables for the Kafka Streams outputs. Upsert topics (latest version per key wins) are ReplacingMergeTree with
-- their version column and the upsert key as sorting key: read them with FINAL or argMax, which is correct before
-- merges happen. Materialized views are only ever defined over append data.

-- usage_1m: minute rollups from usage-rollups; re-emitted when late data changes a window, highest version wins.
-- Never aggregate this table with a materialized view (it would sum re-emitted versions).
CREATE TABLE IF NOT EXISTS usage_1m
(
    dimension LowCardinality(String),
    dimension_value String,
    window_start DateTime64(3, 'UTC'),
    window_end DateTime64(3, 'UTC'),
    version Int64,
    emitted_at DateTime64(3, 'UTC'),
    requests Int64,
    errors Int64,
    sessions Int64,
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    reasoning_tokens Int64,
    cost_usd Float64,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (dimension, dimension_value, window_start)
TTL toDateTime(window_start) + INTERVAL 35 DAY;

-- usage_1h / usage_1d: hourly and daily sums fed by materialized views over token_usage, which is append-only
-- (each request counts once), so the sums are exact. A replayed insert that token_usage drops as a duplicate is
-- dropped here too: the sink inserts with deduplicate_blocks_in_dependent_materialized_views = 1 and these tables
-- keep their own deduplication window. SummingMergeTree: read with sum() ... GROUP BY, since rows of
-- one key are only combined when parts merge. Daily kept 3 years, hourly 90 days.
CREATE TABLE IF NOT EXISTS usage_1h
(
    hour DateTime('UTC'),
    team String,
    engineer_id String,
    model LowCardinality(String),
    tool LowCardinality(String),
    requests UInt64,
    errors UInt64,
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    cost_usd Float64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (hour, team, engineer_id, model, tool)
TTL hour + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS usage_1h_mv TO usage_1h AS
SELECT
    toStartOfHour(occurred_at) AS hour,
    ifNull(team, '') AS team,
    ifNull(engineer_id, '') AS engineer_id,
    model,
    ifNull(tool, '') AS tool,
    count() AS requests,
    countIf(status = 'ERROR') AS errors,
    sum(input_tokens) AS input_tokens,
    sum(cache_read_tokens) AS cache_read_tokens,
    sum(cache_write_tokens) AS cache_write_tokens,
    sum(output_tokens) AS output_tokens,
    sum(ifNull(computed_cost_usd, ifNull(reported_cost_usd, 0))) AS cost_usd
FROM token_usage
GROUP BY hour, team, engineer_id, model, tool;

CREATE TABLE IF NOT EXISTS usage_1d
(
    day Date,
    team String,
    engineer_id String,
    model LowCardinality(String),
    tool LowCardinality(String),
    requests UInt64,
    errors UInt64,
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    cost_usd Float64
)
ENGINE = SummingMergeTree
PARTITION BY toYear(day)
ORDER BY (day, team, engineer_id, model, tool)
TTL day + INTERVAL 3 YEAR
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS usage_1d_mv TO usage_1d AS
SELECT
    toDate(occurred_at) AS day,
    ifNull(team, '') AS team,
    ifNull(engineer_id, '') AS engineer_id,
    model,
    ifNull(tool, '') AS tool,
    count() AS requests,
    countIf(status = 'ERROR') AS errors,
    sum(input_tokens) AS input_tokens,
    sum(cache_read_tokens) AS cache_read_tokens,
    sum(cache_write_tokens) AS cache_write_tokens,
    sum(output_tokens) AS output_tokens,
    sum(ifNull(computed_cost_usd, ifNull(reported_cost_usd, 0))) AS cost_usd
FROM token_usage
GROUP BY day, team, engineer_id, model, tool;

-- waste_findings: a finding is refined while its window grows; highest version per finding_id wins.
-- The pattern is part of the finding id, so it can lead the key; windows never move, so partition by their month.
CREATE TABLE IF NOT EXISTS waste_findings
(
    finding_id String,
    pattern LowCardinality(String),
    version Int64,
    detected_at DateTime64(3, 'UTC'),
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    session_id Nullable(String),
    repository Nullable(String),
    pull_request_number Nullable(Int64),
    service LowCardinality(Nullable(String)),
    window_start DateTime64(3, 'UTC'),
    window_end DateTime64(3, 'UTC'),
    tokens Int64,
    estimated_wasted_cost_usd Float64,
    evidence Map(String, Float64),
    summary String,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (pattern, finding_id)
TTL toDateTime(window_start) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- pr_attribution: AI spend per pull request, re-emitted as usage arrives; highest version per PR wins.
CREATE TABLE IF NOT EXISTS pr_attribution
(
    provider LowCardinality(String),
    repository String,
    number Int64,
    version Int64,
    updated_at DateTime64(3, 'UTC'),
    finalized Bool,
    state LowCardinality(String),
    merged Bool,
    branch Nullable(String),
    author_engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    service LowCardinality(Nullable(String)),
    merged_at Nullable(DateTime64(3, 'UTC')),
    closed_at Nullable(DateTime64(3, 'UTC')),
    first_usage_at Nullable(DateTime64(3, 'UTC')),
    last_usage_at Nullable(DateTime64(3, 'UTC')),
    requests Int64,
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    exact_match_tokens Int64,
    inferred_match_tokens Int64,
    cost_usd Float64,
    sessions Int64,
    engineers Int64,
    engineer_ids Array(String),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (repository, number)
SETTINGS non_replicated_deduplication_window = 1000;

-- incident_links: append topic whose link_id is stable; ReplacingMergeTree without version collapses a link the
-- join emits twice. Read by service and incident time.
CREATE TABLE IF NOT EXISTS incident_links
(
    link_id String,
    linked_at DateTime64(3, 'UTC'),
    incident_provider LowCardinality(String),
    incident_id String,
    service LowCardinality(String),
    incident_triggered_at DateTime64(3, 'UTC'),
    repository String,
    number Int64,
    merged_at Nullable(DateTime64(3, 'UTC')),
    reason LowCardinality(String),
    hours_since_merge Nullable(Float64),
    pr_cost_usd Float64,
    pr_tokens Int64,
    pr_cost_percentile Nullable(Float64),
    ai_heavy Bool,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(incident_triggered_at)
ORDER BY (service, link_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- burn_alerts: every alert raised; read by subject and time. Kept a year.
CREATE TABLE IF NOT EXISTS burn_alerts
(
    alert_id String,
    kind LowCardinality(String),
    subject_kind LowCardinality(String),
    subject_id String,
    team LowCardinality(Nullable(String)),
    budget_period LowCardinality(Nullable(String)),
    window_start DateTime64(3, 'UTC'),
    window_end DateTime64(3, 'UTC'),
    raised_at DateTime64(3, 'UTC'),
    observed_usd Float64,
    baseline_usd Nullable(Float64),
    threshold_usd Nullable(Float64),
    budget_usd Nullable(Float64),
    message String,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(raised_at)
ORDER BY (subject_kind, subject_id, raised_at, alert_id)
TTL toDateTime(raised_at) + INTERVAL 365 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- late_records: records that missed a window's grace period; payload kept base64-encoded for replay. 30 days.
CREATE TABLE IF NOT EXISTS late_records
(
    source_topic LowCardinality(String),
    source_partition Int32,
    source_offset Int64,
    event_id Nullable(String),
    event_time DateTime64(3, 'UTC'),
    stream_time Nullable(DateTime64(3, 'UTC')),
    observed_at DateTime64(3, 'UTC'),
    operator LowCardinality(String),
    key Nullable(String),
    payload String,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(observed_at)
ORDER BY (operator, observed_at, source_topic, source_partition, source_offset)
TTL toDateTime(observed_at) + INTERVAL 30 DAY
SETTINGS non_replicated_deduplication_window = 1000;
