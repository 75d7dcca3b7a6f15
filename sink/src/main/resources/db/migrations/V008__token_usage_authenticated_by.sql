-- authenticated_by: which credential the collectors accepted a request with, from the record header
-- tokenlens-authenticated-by (never from the payload): api-key:<first 16 hex digits of the SHA-256 of the key's
-- configured id>, or '' for a record published without one (the command-line loaders, authentication turned off,
-- and every row inserted before this column existed). user_email and api_key_id say who a request claims to be;
-- this column says which key sent it, so a spoofed identity can be found and discounted:
--   SELECT authenticated_by, user_email, count() FROM token_usage GROUP BY authenticated_by, user_email
-- A handful of keys: LowCardinality. Not in the ORDER BY, whose filter columns are what reports read.
-- token_usage_raw was created AS token_usage and does not follow it: it gets the column on its own.
ALTER TABLE token_usage ADD COLUMN IF NOT EXISTS authenticated_by LowCardinality(String) DEFAULT '';

ALTER TABLE token_usage_raw ADD COLUMN IF NOT EXISTS authenticated_by LowCardinality(String) DEFAULT '';
