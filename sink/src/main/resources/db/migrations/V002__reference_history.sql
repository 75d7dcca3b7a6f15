-- Reference data with history: every version of a directory entry and every price period is kept, so a
-- reorganisation or a price change never rewrites the past. valid_from/valid_to are derived in views.
-- ReplacingMergeTree(version) with the version in the sorting key: replays of the same version collapse, distinct
-- versions stay as history.

-- directory: one row per (entry_key, version). A tombstone on the topic becomes a row with deleted = 1 whose
-- version is the tombstone's record timestamp. Nested per-kind records are flattened with their field name as
-- prefix (engineer_team, budget_daily_usd, ...). Small table: ordered by kind and key.
CREATE TABLE IF NOT EXISTS directory
(
    entry_key String,
    kind LowCardinality(String),
    version Int64,
    updated_at DateTime64(3, 'UTC'),
    source Nullable(String),
    deleted UInt8 DEFAULT 0,
    identity_identity_kind LowCardinality(Nullable(String)),
    identity_identity Nullable(String),
    identity_engineer_id Nullable(String),
    engineer_engineer_id Nullable(String),
    engineer_display_name Nullable(String),
    engineer_team LowCardinality(Nullable(String)),
    engineer_cost_center LowCardinality(Nullable(String)),
    engineer_timezone LowCardinality(Nullable(String)),
    engineer_workday_start_minute Nullable(Int32),
    engineer_workday_end_minute Nullable(Int32),
    engineer_workdays Array(Int32),
    repository_repository Nullable(String),
    repository_service LowCardinality(Nullable(String)),
    repository_team LowCardinality(Nullable(String)),
    budget_subject_kind LowCardinality(Nullable(String)),
    budget_subject_id Nullable(String),
    budget_daily_usd Nullable(Float64),
    budget_monthly_usd Nullable(Float64),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (kind, entry_key, version)
SETTINGS non_replicated_deduplication_window = 1000;

-- directory_history: each version with the period it was in force, [valid_from, valid_to).
CREATE OR REPLACE VIEW directory_history AS
SELECT
    *,
    updated_at AS valid_from,
    leadInFrame(updated_at, 1, toDateTime64('2100-01-01 00:00:00', 3, 'UTC'))
        OVER (PARTITION BY entry_key ORDER BY version ASC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS valid_to
FROM directory FINAL;

-- engineer_periods: team and cost centre of each engineer over time (ASOF-join usage on occurred_at >= valid_from).
CREATE OR REPLACE VIEW engineer_periods AS
SELECT
    engineer_engineer_id AS engineer_id,
    engineer_team AS team,
    engineer_cost_center AS cost_center,
    engineer_timezone AS timezone,
    valid_from,
    valid_to
FROM directory_history
WHERE kind = 'ENGINEER' AND deleted = 0;

-- budgets_current: the budget in force now per engineer or team (a deleted budget is no budget).
CREATE OR REPLACE VIEW budgets_current AS
SELECT subject_kind, subject_id, daily_usd, monthly_usd
FROM
(
    SELECT
        entry_key,
        argMax(deleted, version) AS is_deleted,
        argMax(budget_subject_kind, version) AS subject_kind,
        argMax(budget_subject_id, version) AS subject_id,
        argMax(budget_daily_usd, version) AS daily_usd,
        argMax(budget_monthly_usd, version) AS monthly_usd
    FROM directory FINAL
    WHERE kind = 'BUDGET'
    GROUP BY entry_key
)
WHERE is_deleted = 0;

-- model_prices: one row per price period (provider, model, effective_from); the highest version of a period wins.
CREATE TABLE IF NOT EXISTS model_prices
(
    provider LowCardinality(String),
    model LowCardinality(String),
    effective_from DateTime64(3, 'UTC'),
    input_usd_per_million Float64,
    output_usd_per_million Float64,
    cache_read_usd_per_million Float64,
    cache_write_usd_per_million Float64,
    version Int64,
    source Nullable(String),
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (provider, model, effective_from)
SETTINGS non_replicated_deduplication_window = 1000;

-- model_price_periods: each price with the period it was in force, [valid_from, valid_to).
CREATE OR REPLACE VIEW model_price_periods AS
SELECT
    provider, model, input_usd_per_million, output_usd_per_million, cache_read_usd_per_million,
    cache_write_usd_per_million, source,
    effective_from AS valid_from,
    leadInFrame(effective_from, 1, toDateTime64('2100-01-01 00:00:00', 3, 'UTC'))
        OVER (PARTITION BY provider, model ORDER BY effective_from ASC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS valid_to
FROM model_prices FINAL;
