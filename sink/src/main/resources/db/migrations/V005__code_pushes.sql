-- code_pushes: commits pushed to branches (code-pushes, append). Read by repository and time ("did this work reach
-- the repository?"), so repository leads the sorting key and the event id ends it; monthly partitions as for the
-- other raw event tables. Commit ids and author emails only: no commit messages, no diffs.
CREATE TABLE IF NOT EXISTS code_pushes
(
    event_id String,
    occurred_at DateTime64(3, 'UTC'),
    accepted_at DateTime64(3, 'UTC'),
    provider LowCardinality(String),
    delivery_id Nullable(String),
    repository String,
    branch Nullable(String),
    ref String,
    before_sha Nullable(String),
    after_sha Nullable(String),
    pusher_login String,
    engineer_id Nullable(String),
    commit_shas Array(String),
    commit_author_emails Array(String),
    commit_count Int32,
    created Bool,
    deleted Bool,
    forced Bool,
    kafka_partition UInt32,
    kafka_offset UInt64,
    inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (repository, occurred_at, event_id)
SETTINGS non_replicated_deduplication_window = 1000;
