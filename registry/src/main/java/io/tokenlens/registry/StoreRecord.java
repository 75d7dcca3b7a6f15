package io.tokenlens.registry;

/**
 * One record of the registry's log (the compacted {@code _schemas} topic). The registry's whole
 * state is what these records, applied in log order, leave behind; {@link StoreRecordCodec} maps
 * them to and from Confluent-style JSON keys and values.
 */
public sealed interface StoreRecord {

  /** Version {@code version} of {@code subject} is the schema with id {@code id}. */
  record SchemaVersion(String subject, int version, int id, String schema, boolean deleted)
      implements StoreRecord {}

  /** Version {@code version} of {@code subject} was permanently deleted (a tombstone). */
  record SchemaVersionRemoved(String subject, int version) implements StoreRecord {}

  /** The compatibility level of {@code subject}, or the global one when the subject is null. */
  record ConfigSet(String subject, CompatibilityLevel level) implements StoreRecord {}

  /** The level of {@code subject} (global when null) was removed (a tombstone). */
  record ConfigCleared(String subject) implements StoreRecord {}

  /** Every version of {@code subject} up to {@code version} was soft-deleted. */
  record SubjectDeleted(String subject, int version) implements StoreRecord {}

  /** Tombstone of a {@link SubjectDeleted} record, written by a permanent delete. */
  record SubjectDeletedRemoved(String subject) implements StoreRecord {}

  /** The instance {@code instanceId} holds the writer role and takes writes at {@code url}. */
  record WriterAnnounced(String instanceId, String url) implements StoreRecord {}
}
