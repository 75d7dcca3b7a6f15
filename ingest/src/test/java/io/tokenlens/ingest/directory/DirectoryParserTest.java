package io.tokenlens.ingest.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.load.InputFormat;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Samples;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.DirectoryEntryKind;
import io.tokenlens.schemas.avro.EngineerEntry;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DirectoryParserTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final String HEADER =
      "kind,deleted,engineer_id,team,timezone,working_hours,workdays,identity_kind,"
          + "identity,repository,service,subject_kind,subject_id,daily_usd,monthly_usd\n";

  private static Map<String, PendingRecord<DirectoryEntry>> byKey(DirectoryLoad load) {
    return load.records().stream()
        .collect(Collectors.toMap(PendingRecord::key, Function.identity()));
  }

  private static List<String> problems(String csv) {
    try {
      DirectoryParser.parse(Samples.utf8(HEADER + csv), InputFormat.CSV, "test.csv", NOW);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected the file to be refused");
  }

  @Test
  void shouldLoadEveryKindOfTheDocumentedCsvWithTombstonesForDeletedRows() {
    DirectoryLoad load =
        DirectoryParser.parse(
            Samples.bytes("directory.csv"), InputFormat.CSV, "directory.csv", NOW);
    Map<String, PendingRecord<DirectoryEntry>> records = byKey(load);

    assertThat(load.upserts()).isEqualTo(9);
    assertThat(load.deletions()).isEqualTo(2);
    assertThat(records.keySet())
        .contains(
            "engineer:e-ada",
            "identity:EMAIL:ada@example.com",
            "identity:SCM_LOGIN:ada-l",
            "identity:USER_ID:3f9c1d2e",
            "repository:acme/checkout",
            "budget:TEAM:payments",
            "budget:ENGINEER:e-ada",
            "identity:EMAIL:left@example.com",
            "engineer:e-left");
    EngineerEntry ada = records.get("engineer:e-ada").value().getEngineer();
    assertThat(ada.getTeam()).isEqualTo("payments");
    assertThat(ada.getCostCenter()).isEqualTo("CC-410");
    assertThat(ada.getTimezone()).isEqualTo("Europe/London");
    assertThat(ada.getWorkdayStartMinute()).isEqualTo(8 * 60 + 30);
    assertThat(ada.getWorkdayEndMinute()).isEqualTo(17 * 60);
    assertThat(ada.getWorkdays()).containsExactly(1, 2, 3, 4, 5);
    EngineerEntry grace = records.get("engineer:e-grace").value().getEngineer();
    assertThat(grace.getDisplayName()).isEqualTo("Hopper, Grace");
    assertThat(grace.getWorkdays()).containsExactly(1, 2, 3, 4);
    DirectoryEntry repository = records.get("repository:acme/checkout").value();
    assertThat(repository.getRepository().getService()).isEqualTo("checkout-api");
    assertThat(repository.getRepository().getTeam()).isEqualTo("payments");
    assertThat(records.get("budget:ENGINEER:e-ada").value().getBudget().getMonthlyUsd()).isNull();
    assertThat(records.get("budget:ENGINEER:e-ada").value().getBudget().getDailyUsd())
        .isEqualTo(25.5);
    assertThat(records.get("identity:EMAIL:left@example.com").isTombstone()).isTrue();
    assertThat(records.get("engineer:e-left").isTombstone()).isTrue();
    DirectoryEntry email = records.get("identity:EMAIL:ada@example.com").value();
    assertThat(email.getKind()).isEqualTo(DirectoryEntryKind.IDENTITY);
    assertThat(email.getIdentity().getIdentity()).isEqualTo("ada@example.com");
    assertThat(email.getIdentity().getEngineerId()).isEqualTo("e-ada");
    assertThat(email.getVersion()).isEqualTo(NOW.toEpochMilli());
    assertThat(email.getSource()).isEqualTo("directory.csv");
  }

  @Test
  void shouldKeyApiKeyIdsHashedAsTokenEventsStoreThem() {
    DirectoryLoad load =
        DirectoryParser.parse(Samples.bytes("directory.csv"), InputFormat.CSV, "d.csv", NOW);
    String hashed = Hashes.apiKeyId("apikey_01Rj2N8SVvo6BePZj99NhmiT");

    assertThat(byKey(load)).containsKey("identity:API_KEY_ID:" + hashed);
    assertThat(byKey(load).get("identity:API_KEY_ID:" + hashed).value().getIdentity().getIdentity())
        .isEqualTo(hashed);
  }

  @Test
  void shouldReadTheJsonShapeLikeTheCsvShape() {
    DirectoryLoad load =
        DirectoryParser.parse(Samples.bytes("directory.json"), InputFormat.JSON, "d.json", NOW);

    assertThat(load.records())
        .extracting(PendingRecord::key)
        .containsExactly(
            "engineer:e-ada",
            "identity:EMAIL:ada@example.com",
            "repository:acme/checkout",
            "budget:TEAM:payments",
            "identity:EMAIL:left@example.com");
    assertThat(load.records().get(4).isTombstone()).isTrue();
    assertThat(load.records().get(3).value().getBudget().getDailyUsd()).isEqualTo(150.0);
  }

  @Test
  void shouldGiveTheSameKeysWhenTheSameFileIsLoadedAgainLater() {
    byte[] file = Samples.bytes("directory.csv");
    DirectoryLoad first = DirectoryParser.parse(file, InputFormat.CSV, "d.csv", NOW);
    DirectoryLoad again =
        DirectoryParser.parse(file, InputFormat.CSV, "d.csv", NOW.plusSeconds(86_400 * 30));

    assertThat(again.records())
        .extracting(PendingRecord::key)
        .containsExactlyElementsOf(first.records().stream().map(PendingRecord::key).toList());
    assertThat(again.records().get(0).value().getVersion())
        .isGreaterThan(first.records().get(0).value().getVersion());
  }

  @Test
  void shouldReportEveryProblemOfEveryRowWithLineAndColumn() {
    List<String> problems =
        problems(
            """
        engineer,,e-1,,Mars/Olympus,18:00-09:00,,,,,,,,,
        engineer,,e-2,core,,9-17,mon-xyz,,,,,,,,
        identity,,,,,,,email,not-an-email,,,,,,
        repository,,,,,,,,,justaname,,,,,
        budget,,,,,,,,,,,team,core,-5,
        budget,,,,,,,,,,,everyone,core,,
        launch,,,,,,,,,,,,,,
        engineer,maybe,e-3,core,,,,,,,,,,,
        """);

    assertThat(problems)
        .containsExactly(
            "[line 2].team: required",
            "[line 2].timezone: 'Mars/Olympus' is not a time zone such as Europe/Berlin or UTC",
            "[line 2].working_hours: '18:00-09:00' ends before it starts; working hours past midnight are not supported",
            "[line 3].working_hours: '9-17' is not a range like 09:00-18:00 (hours 00-24, minutes 00-59)",
            "[line 3].workdays: 'mon-xyz' is not a list of days like mon-fri, 1-5 or mon,wed,fri",
            "[line 4].engineer_id: required",
            "[line 4].identity: 'not-an-email' is not an email address",
            "[line 5].repository: 'justaname' is not owner/name or a repository URL",
            "[line 5].service: required",
            "[line 6].daily_usd: must not be negative, not -5",
            "[line 7].subject_kind: 'everyone' is not one of engineer, team",
            "[line 7]: a budget needs daily_usd, monthly_usd or both",
            "[line 8].kind: 'launch' is not one of identity, engineer, repository, budget",
            "[line 9].deleted: must be true or false, not 'maybe'");
  }

  @Test
  void shouldRefuseUnknownColumnsAndColumnsOfAnotherKind() {
    List<String> unknown;
    try {
      DirectoryParser.parse(
          Samples.utf8("kind,engineer_id,team,teem\nengineer,e-1,core,x\n"),
          InputFormat.CSV,
          "t",
          NOW);
      throw new AssertionError("refused expected");
    } catch (InvalidInputException e) {
      unknown = e.problems();
    }
    assertThat(unknown).containsExactly("[line 2].teem: unknown field");
    assertThat(problems("repository,,,,,,,,,acme/shop,shop,team,core,,\n"))
        .containsExactly(
            "[line 2].subject_kind: not a field of repository entries (leave it empty)",
            "[line 2].subject_id: not a field of repository entries (leave it empty)");
  }

  @Test
  void shouldRefuseTheSameKeyTwiceInOneFile() {
    assertThat(
            problems(
                """
        identity,,e-1,,,,,email,A@x.io,,,,,,
        identity,,e-2,,,,,email,a@X.io,,,,,,
        """))
        .containsExactly(
            "[line 3]: the key 'identity:EMAIL:a@x.io' appears already at [line 2]; each identity, "
                + "engineer, repository and budget may appear once per file");
  }

  @Test
  void shouldNameJsonProblemsByIndexAndField() {
    assertThatThrownBy(
            () ->
                DirectoryParser.parse(
                    Samples.utf8(
                        """
        [{"kind": "engineer", "engineerId": "e-1", "team": "core"},
         {"kind": "engineer", "engineerId": "e-2", "workingHours": "nine to five", "team": {"name": "x"}},
         "text"]"""),
                    InputFormat.JSON,
                    "t",
                    NOW))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("problems", List.of("[2]: must be a JSON object"));
    assertThatThrownBy(
            () ->
                DirectoryParser.parse(
                    Samples.utf8(
                        """
        [{"kind": "engineer", "engineerId": "e-2", "workingHours": "nine to five", "team": {"name": "x"}}]"""),
                    InputFormat.JSON,
                    "t",
                    NOW))
        .hasFieldOrPropertyWithValue(
            "problems",
            List.of(
                "[0].team: must be a string, number or boolean, not object",
                "[0].team: required",
                "[0].workingHours: 'nine to five' is not a range like 09:00-18:00"));
  }

  @Test
  void shouldPublishTombstonesOnlyOnTheCompactedDirectoryTopic() {
    DirectoryLoad load =
        DirectoryParser.parse(Samples.bytes("directory.json"), InputFormat.JSON, "d.json", NOW);

    assertThat(load.records()).allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.DIRECTORY));
    assertThat(load.records().get(4).value()).isNull();
  }
}
