package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.DirectoryEntry;

/**
 * Reads the directory by its catalog key ({@code identity:<KIND>:<value>}, {@code engineer:<id>},
 * ...).
 */
@FunctionalInterface
public interface DirectoryLookup {

  /** The entry under {@code key}, or null. */
  DirectoryEntry get(String key);
}
