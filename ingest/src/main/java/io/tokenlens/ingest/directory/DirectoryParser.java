package io.tokenlens.ingest.directory;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.Repositories;
import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.InputFormat;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Item;
import io.tokenlens.ingest.load.Items;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.BudgetEntry;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.DirectoryEntryKind;
import io.tokenlens.schemas.avro.EngineerEntry;
import io.tokenlens.schemas.avro.IdentityEntry;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.RepositoryEntry;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.topics.Topics;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a directory file (CSV or JSON, see docs/reference-data.md): one entry per row or object,
 * its {@code kind} one of {@code identity}, {@code engineer}, {@code repository}, {@code budget};
 * {@code deleted=true} publishes a tombstone for the entry's key instead. Every problem of every
 * entry is collected and one bad entry refuses the whole file.
 */
public final class DirectoryParser {
  static final String WHAT = "directory";
  private static final List<String> KINDS = List.of("IDENTITY", "ENGINEER", "REPOSITORY", "BUDGET");
  private static final List<String> IDENTITY_KINDS =
      List.of("EMAIL", "USER_ID", "ACCOUNT_ID", "API_KEY_ID", "SCM_LOGIN");
  private static final List<String> SUBJECT_KINDS = List.of("ENGINEER", "TEAM");
  private static final Set<String> COMMON = Set.of("kind", "deleted");
  private static final Map<String, Set<String>> FIELDS_BY_KIND =
      Map.of(
          "IDENTITY", Set.of("identityKind", "identity", "engineerId"),
          "ENGINEER",
              Set.of(
                  "engineerId",
                  "displayName",
                  "team",
                  "costCenter",
                  "timezone",
                  "workingHours",
                  "workdays"),
          "REPOSITORY", Set.of("repository", "service", "team"),
          "BUDGET", Set.of("subjectKind", "subjectId", "dailyUsd", "monthlyUsd"));

  /** Every field of any kind. */
  static final Set<String> ALL_FIELDS = allFields();

  private DirectoryParser() {}

  private static Set<String> allFields() {
    Set<String> all = new LinkedHashSet<>(COMMON);
    FIELDS_BY_KIND.values().forEach(all::addAll);
    return Set.copyOf(all);
  }

  /**
   * Parses {@code body}; entries get {@code version} = {@code loadedAt} in epoch milliseconds and
   * {@code source}.
   *
   * @throws InvalidInputException listing every problem; nothing of the file is usable then
   */
  public static DirectoryLoad parse(
      byte[] body, InputFormat format, String source, Instant loadedAt) {
    List<Item> items = Items.read(body, format, WHAT);
    List<String> problems = new ArrayList<>();
    List<PendingRecord<DirectoryEntry>> records = new ArrayList<>();
    Map<String, String> firstSeen = new HashMap<>();
    for (Item item : items) {
      Fields f = new Fields(item, problems);
      int before = problems.size();
      PendingRecord<DirectoryEntry> record = entry(f, source, loadedAt);
      if (record == null || problems.size() > before) {
        continue;
      }
      String earlier = firstSeen.putIfAbsent(record.key(), item.at());
      if (earlier != null) {
        f.problem(
            "the key '"
                + record.key()
                + "' appears already at "
                + earlier
                + "; each identity, engineer, repository and budget may appear once per file");
        continue;
      }
      records.add(record);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(WHAT, problems);
    }
    return new DirectoryLoad(records);
  }

  private static PendingRecord<DirectoryEntry> entry(Fields f, String source, Instant loadedAt) {
    f.refuseUnknown(ALL_FIELDS);
    String kind = f.oneOf("kind", true, KINDS);
    boolean deleted = f.bool("deleted", false);
    if (kind == null) {
      return null;
    }
    Set<String> allowed = FIELDS_BY_KIND.get(kind);
    for (String present : f.item().presentFields()) {
      if (!allowed.contains(present) && !COMMON.contains(present) && ALL_FIELDS.contains(present)) {
        f.problem(
            present,
            "not a field of " + kind.toLowerCase(Locale.ROOT) + " entries (leave it empty)");
      }
    }
    DirectoryEntry.Builder entry =
        DirectoryEntry.newBuilder()
            .setKind(DirectoryEntryKind.valueOf(kind))
            .setVersion(loadedAt.toEpochMilli())
            .setUpdatedAt(loadedAt)
            .setSource(source);
    switch (kind) {
      case "IDENTITY" -> entry.setIdentity(identity(f, deleted));
      case "ENGINEER" -> entry.setEngineer(engineer(f, deleted));
      case "REPOSITORY" -> entry.setRepository(repository(f, deleted));
      default -> entry.setBudget(budget(f, deleted));
    }
    if (entry.getIdentity() == null
        && entry.getEngineer() == null
        && entry.getRepository() == null
        && entry.getBudget() == null) {
      return null;
    }
    DirectoryEntry value = entry.build();
    return deleted
        ? PendingRecord.tombstone(Topics.DIRECTORY, Topics.DIRECTORY.key(value))
        : new PendingRecord<>(Topics.DIRECTORY, value);
  }

  private static IdentityEntry identity(Fields f, boolean deleted) {
    String kind = f.oneOf("identityKind", true, IDENTITY_KINDS);
    String raw = f.requiredString("identity");
    String engineer = deleted ? f.string("engineerId") : f.requiredString("engineerId");
    if (kind == null || raw == null) {
      return null;
    }
    String identity =
        switch (kind) {
          case "EMAIL" -> {
            if (!raw.contains("@")) {
              f.problem("identity", "'" + raw + "' is not an email address");
            }
            yield raw.toLowerCase(Locale.ROOT);
          }
          // token events store API key ids hashed: the directory must key them the same way
          case "API_KEY_ID" -> raw.startsWith("sha256:") ? raw : Hashes.apiKeyId(raw);
          default -> raw;
        };
    if (engineer == null && !deleted) {
      return null;
    }
    return IdentityEntry.newBuilder()
        .setIdentityKind(IdentityKind.valueOf(kind))
        .setIdentity(identity)
        .setEngineerId(engineer == null ? "" : engineer)
        .build();
  }

  private static EngineerEntry engineer(Fields f, boolean deleted) {
    String id = f.requiredString("engineerId");
    String team = deleted ? f.string("team") : f.requiredString("team");
    String timezone = f.string("timezone");
    if (timezone != null) {
      try {
        timezone = ZoneId.of(timezone).getId();
      } catch (DateTimeException e) {
        f.problem("timezone", "'" + timezone + "' is not a time zone such as Europe/Berlin or UTC");
      }
    }
    int[] hours = {540, 1080};
    String rawHours = f.string("workingHours");
    if (rawHours != null) {
      hours = WorkingTime.hours(f, "workingHours", rawHours);
    }
    List<Integer> days = List.of(1, 2, 3, 4, 5);
    String rawDays = f.string("workdays");
    if (rawDays != null) {
      days = WorkingTime.days(f, "workdays", rawDays);
    }
    if (id == null || (team == null && !deleted) || hours == null || days == null) {
      return null;
    }
    return EngineerEntry.newBuilder()
        .setEngineerId(id)
        .setDisplayName(f.string("displayName"))
        .setTeam(team == null ? "" : team)
        .setCostCenter(f.string("costCenter"))
        .setTimezone(timezone == null ? "UTC" : timezone)
        .setWorkdayStartMinute(hours[0])
        .setWorkdayEndMinute(hours[1])
        .setWorkdays(days)
        .build();
  }

  private static RepositoryEntry repository(Fields f, boolean deleted) {
    String raw = f.requiredString("repository");
    String repository = Repositories.normalise(raw);
    if (raw != null && repository == null) {
      f.problem("repository", "'" + raw + "' is not owner/name or a repository URL");
    }
    String service = deleted ? f.string("service") : f.requiredString("service");
    if (repository == null || (service == null && !deleted)) {
      return null;
    }
    return RepositoryEntry.newBuilder()
        .setRepository(repository)
        .setService(service == null ? "" : service.toLowerCase(Locale.ROOT))
        .setTeam(f.string("team"))
        .build();
  }

  private static BudgetEntry budget(Fields f, boolean deleted) {
    String subjectKind = f.oneOf("subjectKind", true, SUBJECT_KINDS);
    String subject = f.requiredString("subjectId");
    Double daily = f.amount("dailyUsd");
    Double monthly = f.amount("monthlyUsd");
    if (!deleted && !f.has("dailyUsd") && !f.has("monthlyUsd")) {
      f.problem(
          "a budget needs "
              + f.item().label("dailyUsd")
              + ", "
              + f.item().label("monthlyUsd")
              + " or both");
    }
    if (subjectKind == null || subject == null) {
      return null;
    }
    return BudgetEntry.newBuilder()
        .setSubjectKind(SubjectKind.valueOf(subjectKind))
        .setSubjectId(subject)
        .setDailyUsd(daily)
        .setMonthlyUsd(monthly)
        .build();
  }
}
