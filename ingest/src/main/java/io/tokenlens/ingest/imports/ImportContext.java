package io.tokenlens.ingest.imports;

import java.time.Instant;

/**
 * One import run: when it ran (each row's {@code importedAt}, and its {@code version} in epoch
 * milliseconds, so a re-import of the same bucket replaces the earlier one) and its id.
 */
public record ImportContext(Instant importedAt, String importId) {}
