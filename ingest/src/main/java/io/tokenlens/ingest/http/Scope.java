package io.tokenlens.ingest.http;

/**
 * What an API key may do. A telemetry key ({@code ingest.api.keys}) sends usage: token events,
 * OTLP, incidents. An admin key ({@code ingest.admin.api.keys}) may also replace reference data
 * everyone's figures depend on: the directory and the price table.
 */
public enum Scope {
  TELEMETRY,
  ADMIN;

  /** Whether a key of this scope may call an endpoint that requires {@code required}. */
  public boolean allows(Scope required) {
    return this == ADMIN || required == TELEMETRY;
  }

  /** The configuration key that lists keys of this scope. */
  public String configKey() {
    return this == ADMIN ? "ingest.admin.api.keys" : "ingest.api.keys";
  }
}
