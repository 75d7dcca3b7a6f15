package io.tokenlens.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory index of the registry: what the records of the log, applied in order, leave behind.
 * Only {@link #apply} changes it (the log's reader thread, or the in-memory log of unit tests);
 * every query returns an immutable snapshot.
 */
public final class RegistryState {
  private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

  /** One version of a subject. {@code schema} is null only for a stored text Avro rejects. */
  public record Version(
      String subject,
      int version,
      int id,
      String text,
      String canonical,
      Schema schema,
      boolean deleted) {
    Version asDeleted() {
      return new Version(subject, version, id, text, canonical, schema, true);
    }
  }

  /** Where a schema id is used. */
  public record SubjectVersion(String subject, int version) {}

  private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
  private final Map<Integer, String> textById = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private StoreRecord.WriterAnnounced writer;
  private int maxId;

  /** Applies one record of the log. */
  public synchronized void apply(StoreRecord record) {
    if (record instanceof StoreRecord.SchemaVersion r) {
      putVersion(r);
    } else if (record instanceof StoreRecord.SchemaVersionRemoved r) {
      removeVersion(r.subject(), r.version());
    } else if (record instanceof StoreRecord.ConfigSet r) {
      if (r.subject() == null) {
        globalLevel = r.level();
      } else {
        subjectLevels.put(r.subject(), r.level());
      }
    } else if (record instanceof StoreRecord.ConfigCleared r) {
      if (r.subject() == null) {
        globalLevel = null;
      } else {
        subjectLevels.remove(r.subject());
      }
    } else if (record instanceof StoreRecord.SubjectDeleted r) {
      TreeMap<Integer, Version> versions = subjects.get(r.subject());
      if (versions != null) {
        versions.headMap(r.version(), true).replaceAll((v, entry) -> entry.asDeleted());
      }
    } else if (record instanceof StoreRecord.WriterAnnounced r) {
      writer = r;
    }
    // SubjectDeletedRemoved: the versions it covered are removed by their own tombstones
  }

  private void putVersion(StoreRecord.SchemaVersion r) {
    String canonical;
    Schema schema;
    try {
      ParsedSchema parsed = ParsedSchema.parse(r.schema());
      canonical = parsed.canonical();
      schema = parsed.schema();
    } catch (RegistryException e) {
      log.warn(
          "Stored schema {} version {} (id {}) is not valid Avro, kept as text: {}",
          r.subject(),
          r.version(),
          r.id(),
          e.getMessage());
      canonical = r.schema();
      schema = null;
    }
    subjects
        .computeIfAbsent(r.subject(), s -> new TreeMap<>())
        .put(
            r.version(),
            new Version(
                r.subject(), r.version(), r.id(), r.schema(), canonical, schema, r.deleted()));
    textById.putIfAbsent(r.id(), r.schema());
    idByCanonical.putIfAbsent(canonical, r.id());
    maxId = Math.max(maxId, r.id());
  }

  private void removeVersion(String subject, int version) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    Version removed = versions == null ? null : versions.remove(version);
    if (removed == null) {
      return;
    }
    if (versions.isEmpty()) {
      subjects.remove(subject);
    }
    boolean stillUsed =
        subjects.values().stream()
            .flatMap(v -> v.values().stream())
            .anyMatch(v -> v.id() == removed.id());
    if (!stillUsed) {
      textById.remove(removed.id());
      idByCanonical.remove(removed.canonical(), removed.id());
    }
  }

  /** Subjects with a live version; with {@code includeDeleted} also the soft-deleted ones. */
  public synchronized List<String> subjects(boolean includeDeleted, boolean deletedOnly) {
    List<String> names = new ArrayList<>();
    subjects.forEach(
        (name, versions) -> {
          boolean live = versions.values().stream().anyMatch(v -> !v.deleted());
          if (deletedOnly ? !live : (live || includeDeleted)) {
            names.add(name);
          }
        });
    return List.copyOf(names);
  }

  /**
   * The versions of {@code subject}, oldest first, soft-deleted ones only if asked; maybe empty.
   */
  public synchronized List<Version> versions(String subject, boolean includeDeleted) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  /** The highest version number {@code subject} has, deleted or not; 0 when none. */
  public synchronized int maxVersion(String subject) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** The id of an already registered schema with this canonical form, in any subject. */
  public synchronized Optional<Integer> idOf(String canonical) {
    return Optional.ofNullable(idByCanonical.get(canonical));
  }

  /** The highest id this log ever assigned (0 for an empty log). */
  public synchronized int maxId() {
    return maxId;
  }

  /** The text of the schema with this id, as first registered. */
  public synchronized Optional<String> schemaText(int id) {
    return Optional.ofNullable(textById.get(id));
  }

  /** The subject versions registered with this schema id. */
  public synchronized List<SubjectVersion> usages(int id, boolean includeDeleted) {
    List<SubjectVersion> usages = new ArrayList<>();
    subjects
        .values()
        .forEach(
            versions ->
                versions.values().stream()
                    .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                    .forEach(v -> usages.add(new SubjectVersion(v.subject(), v.version()))));
    return List.copyOf(usages);
  }

  public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The configured global level; empty when none is configured (the default applies). */
  public synchronized Optional<CompatibilityLevel> globalLevel() {
    return Optional.ofNullable(globalLevel);
  }

  /** The last instance that announced itself as the writer. */
  public synchronized Optional<StoreRecord.WriterAnnounced> writer() {
    return Optional.ofNullable(writer);
  }
}
