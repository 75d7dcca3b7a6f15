package io.tokenlens.ingest.http;

/**
 * A configured API key that authenticated a request: its id (a name, never the secret) and its
 * scope.
 *
 * @param id the key's id in the configuration
 * @param scope what the key may do
 */
public record ApiKey(String id, Scope scope) {}
