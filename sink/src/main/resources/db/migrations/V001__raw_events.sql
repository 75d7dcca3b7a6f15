-- Raw events as they arrive on the catalogued topics: one row per record, never updated.
-- Every table carries the Kafka coordinates it was read from (kafka_partition, kafka_offset), so a replay can be
-- audited, and inserted_at, the time ClickHouse received the row (event-to-queryable latency).
-- Dedup: the sink inserts each batch with an insert_deduplication_token derived from its (topic, partition,
-- offset range); non_replicated_deduplication_window keeps the last N tokens per table on a single server.
-- On a cluster use ReplicatedMergeTree instead: it deduplicates by default (replicated_deduplication_window).
-- No prompt text anywhere: the contracts carry only lengths and hashes.

-- token_usage: enriched model requests (token-usage-enriched), the source of truth for spend.
-- Queries filter by day, then team and engineer, then look at models: lowest-cardinality filter columns first.
-- Monthly partitions keep part counts low and let TTL drop whole months.
CREATE TABLE IF NOT EXISTS token_usage
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    source_event_type LowCardinality(Nullable(String)),
    provider LowCardinality(String),
    model LowCardinality(String),
    tool LowCardinality(Nullable(String)),
    organization_id Nullable(String),
    user_id Nullable(String),
    user_email Nullable(String),
    account_id Nullable(String),
    api_key_id Nullable(String),
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    cost_center LowCardinality(Nullable(String)),
    session_id Nullable(String),
    prompt_id Nullable(String),
    event_sequence Nullable(Int64),
    request_fingerprint Nullable(String),
    repository Nullable(String),
    branch Nullable(String),
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    reasoning_tokens Int64,
    reported_cost_usd Nullable(Float64),
    computed_cost_usd Nullable(Float64),
    duration_ms Nullable(Int64),
    status LowCardinality(String),
    error_type Nullable(String),
    http_status_code Nullable(Int32),
    attempt Nullable(Int32),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (toDate(occurred_at), ifNull(team, ''), ifNull(engineer_id, ''), occurred_at, event_id)
TTL toDateTime(occurred_at) + INTERVAL 400 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- token_usage_raw: token-usage as the collectors published it (identities unresolved, no cost). Kept one week,
-- like the topic, for debugging enrichment; every report reads token_usage.
CREATE TABLE IF NOT EXISTS token_usage_raw AS token_usage
ENGINE = MergeTree
PARTITION BY toDate(occurred_at)
ORDER BY (toDate(occurred_at), occurred_at, event_id)
TTL toDateTime(occurred_at) + INTERVAL 7 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- agent_activity: prompts (length and hash only), tool results and decisions. Read per session and engineer.
CREATE TABLE IF NOT EXISTS agent_activity
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    kind LowCardinality(String),
    tool LowCardinality(Nullable(String)),
    organization_id Nullable(String),
    user_id Nullable(String),
    user_email Nullable(String),
    account_id Nullable(String),
    api_key_id Nullable(String),
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    cost_center LowCardinality(Nullable(String)),
    session_id Nullable(String),
    prompt_id Nullable(String),
    event_sequence Nullable(Int64),
    repository Nullable(String),
    branch Nullable(String),
    prompt_length Nullable(Int32),
    prompt_hash Nullable(String),
    tool_name LowCardinality(Nullable(String)),
    tool_arguments_hash Nullable(String),
    tool_success Nullable(Bool),
    tool_duration_ms Nullable(Int64),
    tool_result_size_bytes Nullable(Int64),
    decision LowCardinality(Nullable(String)),
    decision_source LowCardinality(Nullable(String)),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (toDate(occurred_at), kind, ifNull(session_id, ''), occurred_at, event_id)
TTL toDateTime(occurred_at) + INTERVAL 180 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- pull_requests: every pull-request event; the state of a PR is its latest event (argMax by occurred_at).
-- Read by repository and number, so those lead the key.
CREATE TABLE IF NOT EXISTS pull_requests
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    provider LowCardinality(String),
    delivery_id Nullable(String),
    repository String,
    number Int64,
    provider_id Nullable(String),
    url Nullable(String),
    action LowCardinality(String),
    raw_action LowCardinality(Nullable(String)),
    state LowCardinality(String),
    merged Bool,
    draft Bool,
    title Nullable(String),
    branch String,
    base_branch String,
    author_login String,
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    service LowCardinality(Nullable(String)),
    created_at Nullable(DateTime64(3, 'UTC')),
    merged_at Nullable(DateTime64(3, 'UTC')),
    closed_at Nullable(DateTime64(3, 'UTC')),
    head_sha Nullable(String),
    base_sha Nullable(String),
    merge_commit_sha Nullable(String),
    commit_shas Array(String),
    additions Nullable(Int32),
    deletions Nullable(Int32),
    changed_files Nullable(Int32),
    commit_count Nullable(Int32),
    labels Array(String),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (repository, number, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS pr_reviews
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    provider LowCardinality(String),
    delivery_id Nullable(String),
    repository String,
    number Int64,
    review_id String,
    url Nullable(String),
    raw_action LowCardinality(Nullable(String)),
    state LowCardinality(String),
    reviewer_login String,
    reviewer_engineer_id Nullable(String),
    pull_request_author_login Nullable(String),
    commit_sha Nullable(String),
    submitted_at Nullable(DateTime64(3, 'UTC')),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (repository, number, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- incidents: every status change; read by service and time.
CREATE TABLE IF NOT EXISTS incidents
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    provider LowCardinality(String),
    delivery_id Nullable(String),
    incident_id String,
    incident_number Nullable(String),
    url Nullable(String),
    title Nullable(String),
    service LowCardinality(String),
    provider_service_id Nullable(String),
    status LowCardinality(String),
    urgency LowCardinality(Nullable(String)),
    priority LowCardinality(Nullable(String)),
    triggered_at DateTime64(3, 'UTC'),
    acknowledged_at Nullable(DateTime64(3, 'UTC')),
    resolved_at Nullable(DateTime64(3, 'UTC')),
    change_references Array(Tuple(repository Nullable(String), number Nullable(Int64), commit_sha Nullable(String), url Nullable(String))),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (service, triggered_at, incident_id, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 1000;

-- usage_metrics: Claude Code delta counters, reconciliation only; aged out after 90 days.
CREATE TABLE IF NOT EXISTS usage_metrics
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    interval_start Nullable(DateTime64(3, 'UTC')),
    source LowCardinality(String),
    metric_name LowCardinality(String),
    temporality LowCardinality(String),
    value Float64,
    unit LowCardinality(Nullable(String)),
    model LowCardinality(Nullable(String)),
    metric_type LowCardinality(Nullable(String)),
    tool LowCardinality(Nullable(String)),
    organization_id Nullable(String),
    user_id Nullable(String),
    user_email Nullable(String),
    account_id Nullable(String),
    api_key_id Nullable(String),
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    cost_center LowCardinality(Nullable(String)),
    session_id Nullable(String),
    attributes Map(String, String),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (metric_name, toDate(occurred_at), occurred_at, event_id)
TTL toDateTime(occurred_at) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 1000;

-- provider_usage: provider export buckets; a re-import of a bucket (same event_id) replaces it, highest version wins.
-- Read with FINAL. Sorting key = the upsert key.
CREATE TABLE IF NOT EXISTS provider_usage
(
    event_id String,
    source LowCardinality(String),
    provider LowCardinality(String),
    bucket_start DateTime64(3, 'UTC'),
    bucket_end DateTime64(3, 'UTC'),
    imported_at DateTime64(3, 'UTC'),
    version Int64,
    import_id Nullable(String),
    model LowCardinality(Nullable(String)),
    organization_id Nullable(String),
    workspace_id Nullable(String),
    api_key_id Nullable(String),
    user_id Nullable(String),
    user_email Nullable(String),
    engineer_id Nullable(String),
    team LowCardinality(Nullable(String)),
    service_tier LowCardinality(Nullable(String)),
    input_tokens Int64,
    cache_read_tokens Int64,
    cache_write_tokens Int64,
    output_tokens Int64,
    requests Nullable(Int64),
    cost_usd Nullable(Float64),
    attributes Map(String, Float64),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (provider, event_id)
SETTINGS non_replicated_deduplication_window = 1000;
