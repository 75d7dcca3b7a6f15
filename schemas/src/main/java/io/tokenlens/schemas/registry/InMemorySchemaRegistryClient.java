package io.tokenlens.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;

/**
 * A registry held in memory, for unit tests (TopologyTestDriver) where no registry runs. Ids are
 * global, equal schemas (same parsing canonical form) share an id, and a new version must be
 * BACKWARD compatible with the subject's latest version, the registry's default rule. Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private int nextId = 1;

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    String canonical = SchemaNormalization.toParsingForm(schema);
    for (RegisteredSchema version : versions) {
      if (SchemaNormalization.toParsingForm(version.schema()).equals(canonical)) {
        return version.id();
      }
    }
    if (!versions.isEmpty()) {
      Schema previous = versions.get(versions.size() - 1).schema();
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(schema, previous);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new IncompatibleSchemaException(
            subject,
            "Schema being registered is incompatible with an earlier schema for subject \""
                + subject
                + "\": "
                + result.getDescription());
      }
    }
    Integer id = idByCanonical.get(canonical);
    if (id == null) {
      id = nextId++;
      idByCanonical.put(canonical, id);
      byId.put(id, schema);
    }
    versions.add(new RegisteredSchema(subject, id, versions.size() + 1, schema));
    return id;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    String canonical = SchemaNormalization.toParsingForm(schema);
    for (RegisteredSchema version : subjects.getOrDefault(subject, List.of())) {
      if (SchemaNormalization.toParsingForm(version.schema()).equals(canonical)) {
        return version.id();
      }
    }
    throw new SchemaNotRegisteredException(
        subject,
        "schema "
            + schema.getFullName()
            + " is not registered; "
            + "register it first, or allow auto.register.schemas",
        subjects.containsKey(subject) ? 40403 : 40401);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new UnknownSchemaIdException(id, "memory", "Schema not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaNotRegisteredException(subject, "no version is registered", 40401);
    }
    return versions.get(versions.size() - 1);
  }
}
