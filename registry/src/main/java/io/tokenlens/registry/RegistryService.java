package io.tokenlens.registry;

import io.tokenlens.registry.RegistryState.SubjectVersion;
import io.tokenlens.registry.RegistryState.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's operations, as Confluent Schema Registry defines them. Reads come from the
 * in-memory {@link RegistryState}; writes decide under one lock what to append, append it to the
 * {@link SchemaLog} and return once the state shows it, so ids and versions are never handed out
 * twice by this instance (the writer role keeps other instances from writing at all).
 */
public final class RegistryService {
  private final RegistryState state;
  private final SchemaLog log;
  private final CompatibilityChecker checker = new CompatibilityChecker();
  private final Object writeLock = new Object();

  public RegistryService(RegistryState state, SchemaLog log) {
    this.state = state;
    this.log = log;
  }

  // ---- subjects and versions ----

  public List<String> subjects(boolean includeDeleted, boolean deletedOnly) {
    return state.subjects(includeDeleted, deletedOnly);
  }

  public List<Integer> versions(String subject, boolean includeDeleted) {
    List<Version> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions.stream().map(Version::version).toList();
  }

  public Version version(String subject, String version, boolean includeDeleted) {
    VersionSpec spec = VersionSpec.parse(version);
    List<Version> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return resolve(versions, spec);
  }

  /** Registers {@code request} under {@code subject}; answers the existing id when it is there. */
  public int register(String subject, SchemaRequest request) {
    ParsedSchema parsed = request.parse();
    synchronized (writeLock) {
      List<Version> live = state.versions(subject, false);
      Optional<Version> existing =
          live.stream().filter(v -> v.canonical().equals(parsed.canonical())).findFirst();
      if (existing.isPresent()) {
        return existing.get().id();
      }
      CompatibilityLevel level = effectiveLevel(subject);
      List<String> problems = checker.check(level, parsed.schema(), previous(live));
      if (!problems.isEmpty()) {
        throw RegistryException.incompatibleSchema(subject, problems);
      }
      int id = state.idOf(parsed.canonical()).orElse(state.maxId() + 1);
      int version = state.maxVersion(subject) + 1;
      log.append(
          List.of(new StoreRecord.SchemaVersion(subject, version, id, parsed.text(), false)));
      return id;
    }
  }

  /** The version of {@code subject} holding this schema (the newest one if several do). */
  public Version lookup(String subject, SchemaRequest request, boolean includeDeleted) {
    List<Version> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    ParsedSchema parsed = request.parse();
    return versions.stream()
        .filter(v -> v.canonical().equals(parsed.canonical()))
        .reduce((first, second) -> second)
        .orElseThrow(RegistryException::schemaNotFound);
  }

  /** Soft-deletes every live version, or permanently deletes a soft-deleted subject. */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    synchronized (writeLock) {
      List<Version> all = state.versions(subject, true);
      if (all.isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      List<Integer> live = all.stream().filter(v -> !v.deleted()).map(Version::version).toList();
      List<StoreRecord> records = new ArrayList<>();
      if (!permanent) {
        if (live.isEmpty()) {
          throw RegistryException.subjectSoftDeleted(subject);
        }
        records.add(new StoreRecord.SubjectDeleted(subject, all.get(all.size() - 1).version()));
        log.append(records);
        return live;
      }
      if (!live.isEmpty()) {
        throw RegistryException.subjectNotSoftDeleted(subject);
      }
      all.forEach(v -> records.add(new StoreRecord.SchemaVersionRemoved(subject, v.version())));
      records.add(new StoreRecord.SubjectDeletedRemoved(subject));
      if (state.subjectLevel(subject).isPresent()) {
        records.add(new StoreRecord.ConfigCleared(subject));
      }
      log.append(records);
      return all.stream().map(Version::version).toList();
    }
  }

  /** Soft-deletes a live version, or permanently deletes a soft-deleted one. */
  public int deleteVersion(String subject, String version, boolean permanent) {
    VersionSpec spec = VersionSpec.parse(version);
    synchronized (writeLock) {
      List<Version> all = state.versions(subject, true);
      if (all.isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      if (!permanent) {
        List<Version> live = state.versions(subject, false);
        if (spec.latest() && live.isEmpty()) {
          throw RegistryException.versionSoftDeleted(subject, all.get(all.size() - 1).version());
        }
        Version target = resolve(spec.latest() ? live : all, spec);
        if (target.deleted()) {
          throw RegistryException.versionSoftDeleted(subject, target.version());
        }
        log.append(
            List.of(
                new StoreRecord.SchemaVersion(
                    subject, target.version(), target.id(), target.text(), true)));
        return target.version();
      }
      Version target = resolve(all, spec);
      if (!target.deleted()) {
        throw RegistryException.versionNotSoftDeleted(subject, target.version());
      }
      log.append(List.of(new StoreRecord.SchemaVersionRemoved(subject, target.version())));
      return target.version();
    }
  }

  // ---- schemas by id ----

  public String schemaText(int id) {
    return state.schemaText(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
  }

  public List<SubjectVersion> usages(int id, boolean includeDeleted) {
    schemaText(id);
    return state.usages(id, includeDeleted);
  }

  // ---- compatibility ----

  /**
   * Checks {@code request} against one version of {@code subject}, or against the versions its
   * level requires when {@code version} is null.
   *
   * @return the reasons it is incompatible; empty when compatible
   */
  public List<String> checkCompatibility(String subject, String version, SchemaRequest request) {
    VersionSpec spec = version == null ? null : VersionSpec.parse(version);
    ParsedSchema parsed = request.parse();
    List<Version> live = state.versions(subject, false);
    List<Version> against = live;
    if (spec != null) {
      if (live.isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      against = List.of(resolve(live, spec));
    }
    return checker.check(effectiveLevel(subject), parsed.schema(), previous(against));
  }

  // ---- config ----

  public CompatibilityLevel globalLevel() {
    return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
  }

  public CompatibilityLevel setGlobalLevel(CompatibilityLevel level) {
    synchronized (writeLock) {
      log.append(List.of(new StoreRecord.ConfigSet(null, level)));
      return level;
    }
  }

  /** Resets the global level to the default; answers the level it had. */
  public CompatibilityLevel clearGlobalLevel() {
    synchronized (writeLock) {
      CompatibilityLevel previous = globalLevel();
      log.append(List.of(new StoreRecord.ConfigCleared(null)));
      return previous;
    }
  }

  public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> level = state.subjectLevel(subject);
    if (level.isPresent()) {
      return level.get();
    }
    if (defaultToGlobal) {
      return globalLevel();
    }
    throw RegistryException.subjectCompatibilityNotConfigured(subject);
  }

  public CompatibilityLevel setSubjectLevel(String subject, CompatibilityLevel level) {
    synchronized (writeLock) {
      log.append(List.of(new StoreRecord.ConfigSet(subject, level)));
      return level;
    }
  }

  /** Removes the level of {@code subject}; answers the level it had. */
  public CompatibilityLevel clearSubjectLevel(String subject) {
    synchronized (writeLock) {
      CompatibilityLevel previous =
          state.subjectLevel(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
      log.append(List.of(new StoreRecord.ConfigCleared(subject)));
      return previous;
    }
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    return state.subjectLevel(subject).orElseGet(this::globalLevel);
  }

  private static Version resolve(List<Version> versions, VersionSpec spec) {
    if (spec.latest()) {
      if (versions.isEmpty()) {
        throw RegistryException.versionNotFound(-1);
      }
      return versions.get(versions.size() - 1);
    }
    return versions.stream()
        .filter(v -> v.version() == spec.number())
        .findFirst()
        .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
  }

  private static List<CompatibilityChecker.Previous> previous(List<Version> versions) {
    return versions.stream()
        .filter(v -> v.schema() != null)
        .map(v -> new CompatibilityChecker.Previous(v.version(), v.schema(), v.text()))
        .toList();
  }
}
