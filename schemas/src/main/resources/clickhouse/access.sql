-- The roles of tokenlens in ClickHouse and what each may do, applied by the sink after its migrations
-- (every start: each statement is idempotent). {database} is the sink's database. The users that hold the
-- roles (the sink's own, the reader) are created with their configured passwords after these statements.
-- One privilege on one object per GRANT: that is how SHOW GRANTS prints them, which is what the sink compares
-- against on an endpoint where access entities cannot be created by SQL (the local stack's).

-- Reading: ./tokenlens sql, the report, Grafana, analysts. Every table and view of the database, nothing else.
CREATE ROLE IF NOT EXISTS tokenlens_reader;
GRANT SELECT ON {database}.* TO tokenlens_reader;

-- The sink: INSERT into the tables it fills, one per topic. Its exactly-once guarantee rests on
-- insert_deduplication_token, checked by ClickHouse inside the INSERT, so it needs no SELECT of its own.
CREATE ROLE IF NOT EXISTS tokenlens_sink;
GRANT INSERT ON {database}.token_usage TO tokenlens_sink;
GRANT INSERT ON {database}.token_usage_raw TO tokenlens_sink;
GRANT INSERT ON {database}.agent_activity TO tokenlens_sink;
GRANT INSERT ON {database}.pull_requests TO tokenlens_sink;
GRANT INSERT ON {database}.pr_reviews TO tokenlens_sink;
GRANT INSERT ON {database}.code_pushes TO tokenlens_sink;
GRANT INSERT ON {database}.incidents TO tokenlens_sink;
GRANT INSERT ON {database}.directory TO tokenlens_sink;
GRANT INSERT ON {database}.model_prices TO tokenlens_sink;
GRANT INSERT ON {database}.usage_metrics TO tokenlens_sink;
GRANT INSERT ON {database}.provider_usage TO tokenlens_sink;
GRANT INSERT ON {database}.usage_1m TO tokenlens_sink;
GRANT INSERT ON {database}.waste_findings TO tokenlens_sink;
GRANT INSERT ON {database}.pr_attribution TO tokenlens_sink;
GRANT INSERT ON {database}.incident_links TO tokenlens_sink;
GRANT INSERT ON {database}.burn_alerts TO tokenlens_sink;
GRANT INSERT ON {database}.late_records TO tokenlens_sink;
-- An insert into token_usage also feeds the materialized views usage_1h_mv and usage_1d_mv. Views created without
-- a definer (the local stack's engine creates them so) run with the inserting user's privileges: reading the
-- inserted block of token_usage and inserting into usage_1h and usage_1d.
GRANT SELECT ON {database}.token_usage TO tokenlens_sink;
GRANT INSERT ON {database}.usage_1h TO tokenlens_sink;
GRANT INSERT ON {database}.usage_1d TO tokenlens_sink;
