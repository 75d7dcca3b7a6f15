package io.tokenlens.simulator.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenlens.simulator.budget.TeamBudgets;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The organisation as a directory file (JSON) for {@code POST /v1/directory}: one engineer entry
 * per person and the CI bot (team, timezone, working hours, workdays), their email, account and
 * GitHub login identities, and every repository with its service, and a daily budget per team
 * ({@link TeamBudgets}).
 */
public final class DirectoryFile {
  public static final String PATH = "/v1/directory";

  private DirectoryFile() {}

  public static HttpDelivery of(
      Organisation organisation, List<TeamBudgets.Budget> budgets, Instant sentAt) {
    ArrayNode entries = Json.MAPPER.createArrayNode();
    int engineers = 0;
    for (Engineer e : organisation.engineers()) {
      add(entries, e);
      engineers++;
    }
    add(entries, organisation.ciBot());
    for (String repository : organisation.repositories()) {
      entries
          .addObject()
          .put("kind", "repository")
          .put("repository", repository)
          .put("service", Organisation.service(repository));
    }
    for (TeamBudgets.Budget budget : budgets) {
      entries
          .addObject()
          .put("kind", "budget")
          .put("subjectKind", "team")
          .put("subjectId", budget.team())
          .put("dailyUsd", budget.dailyUsd());
    }
    return new HttpDelivery(
        PATH,
        "application/json",
        Map.of(),
        Json.bytes(entries),
        sentAt,
        "directory",
        Map.of("directory entry", entries.size(), "directory engineer", engineers + 1));
  }

  private static void add(ArrayNode entries, Engineer e) {
    ObjectNode engineer =
        entries
            .addObject()
            .put("kind", "engineer")
            .put("engineerId", e.id())
            .put("team", e.team())
            .put("timezone", e.zone().getId())
            .put("workingHours", e.workStart() + "-" + e.workEnd())
            .put(
                "workdays",
                e.workdays().stream()
                    .sorted()
                    .map(DirectoryFile::day)
                    .collect(Collectors.joining(",")));
    engineer.put("displayName", e.id());
    entries
        .addObject()
        .put("kind", "identity")
        .put("identityKind", "email")
        .put("identity", e.email())
        .put("engineerId", e.id());
    entries
        .addObject()
        .put("kind", "identity")
        .put("identityKind", "account_id")
        .put("identity", e.accountId())
        .put("engineerId", e.id());
    entries
        .addObject()
        .put("kind", "identity")
        .put("identityKind", "scm_login")
        .put("identity", e.id())
        .put("engineerId", e.id());
  }

  private static String day(DayOfWeek d) {
    return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
  }
}
