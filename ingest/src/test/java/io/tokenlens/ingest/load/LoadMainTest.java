package io.tokenlens.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, messages, and nothing published unless the whole file is valid. */
class LoadMainTest {
  private static final Map<String, String> ENV =
      Map.of(
          "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS",
          "127.0.0.1:1",
          "TOKENLENS_SCHEMA_REGISTRY_URL",
          "http://127.0.0.1:1");

  @TempDir Path dir;

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LoadMain main =
      new LoadMain(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          config -> publisher,
          Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

  private Path sample(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, Samples.bytes(name));
    return file;
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldPublishADirectoryFileAndCountEntriesAndDeletions() throws Exception {
    int code = main.run(new String[] {"directory", sample("directory.csv").toString()}, ENV);

    assertThat(code).as(err()).isZero();
    assertThat(publisher.published)
        .hasSize(11)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.DIRECTORY));
    assertThat(publisher.published).filteredOn(PendingRecord::isTombstone).hasSize(2);
    assertThat(out()).contains("(9 entries, 2 deletions): published 11 records to directory");
  }

  @Test
  void shouldPublishTheShippedDefaultPricesWithoutAFile() {
    int code = main.run(new String[] {"prices"}, ENV);

    assertThat(code).as(err()).isZero();
    assertThat(publisher.published)
        .hasSizeGreaterThan(20)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.MODEL_PRICES));
    assertThat(out()).contains("shipped default prices: published");
  }

  @Test
  void shouldImportEachProviderExport() throws Exception {
    assertThat(
            main.run(
                new String[] {"import", "anthropic", sample("anthropic-usage.json").toString()},
                ENV))
        .isZero();
    assertThat(
            main.run(
                new String[] {"import", "openai", sample("openai-usage.json").toString()}, ENV))
        .isZero();
    assertThat(
            main.run(
                new String[] {"import", "copilot", sample("copilot-metrics.ndjson").toString()},
                ENV))
        .isZero();

    assertThat(publisher.published)
        .hasSize(3 + 2 + 3)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo(Topics.PROVIDER_USAGE));
    assertThat(((ProviderUsage) publisher.published.get(0).value()).getImportId())
        .isEqualTo("anthropic:anthropic-usage.json@2026-12-01T10:00:00Z");
    assertThat(out())
        .contains("anthropic export", "(3 usage rows): published 3 records to provider-usage");
  }

  @Test
  void shouldPublishNothingAndListEveryProblemWhenTheFileIsInvalid() throws Exception {
    Path bad =
        file(
            "people.csv",
            "kind,engineer_id,team\nengineer,e-1,core\nengineer,,core\nwizard,e-3,\n");

    int code = main.run(new String[] {"directory", bad.toString()}, ENV);

    assertThat(code).isEqualTo(LoadMain.INVALID_INPUT);
    assertThat(publisher.published).isEmpty();
    assertThat(err())
        .contains(
            "2 problem(s) in the directory; nothing was accepted",
            "  [line 3].engineer_id: required",
            "  [line 4].kind: 'wizard' is not one of identity, engineer, repository, budget");
  }

  @Test
  void shouldValidateOnlyWithDryRunWhereverItStands() throws Exception {
    int code =
        main.run(new String[] {"--dry-run", "prices", sample("prices.csv").toString()}, Map.of());
    // ./tokenlens import X runs LoadMain import X, so options may follow the command
    int after =
        main.run(
            new String[] {"import", "--dry-run", "openai", sample("openai-usage.json").toString()},
            Map.of());

    assertThat(code).as(err()).isZero();
    assertThat(after).as(err()).isZero();
    assertThat(publisher.published).isEmpty();
    assertThat(out())
        .contains(
            "valid, 2 records; nothing published (--dry-run)",
            "openai export "
                + dir.resolve("openai-usage.json")
                + " (2 usage rows): valid, 2 records");
  }

  @Test
  void shouldExplainUsageErrors() throws Exception {
    assertThat(main.run(new String[] {}, ENV)).isEqualTo(LoadMain.USAGE);
    assertThat(main.run(new String[] {"import", "gitlab", "x.json"}, ENV))
        .isEqualTo(LoadMain.USAGE);
    assertThat(main.run(new String[] {"directory", file("people.txt", "x").toString()}, ENV))
        .isEqualTo(LoadMain.USAGE);
    assertThat(main.run(new String[] {"directory", dir.resolve("missing.csv").toString()}, ENV))
        .isEqualTo(LoadMain.USAGE);
    assertThat(main.run(new String[] {"directory"}, ENV)).isEqualTo(LoadMain.USAGE);

    assertThat(err())
        .contains(
            "no command",
            "unknown export 'gitlab'; use anthropic, openai or copilot",
            "name it .csv or .json",
            "cannot read",
            "directory needs a FILE",
            "usage: tokenlens load directory FILE");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldNameTheMissingKafkaSettingsWithoutAskingForAnApiKey() throws Exception {
    int code = main.run(new String[] {"prices", sample("prices.csv").toString()}, Map.of());

    assertThat(code).isEqualTo(LoadMain.USAGE);
    assertThat(err())
        .contains(
            "kafka.bootstrap.servers is required (environment variable TOKENLENS_KAFKA_BOOTSTRAP_SERVERS)",
            "schema.registry.url is required")
        .doesNotContain("ingest.api.keys");
  }

  @Test
  void shouldExitWithAPublishFailureWhenKafkaRefuses() throws Exception {
    publisher.down = true;

    int code = main.run(new String[] {"prices"}, ENV);

    assertThat(code).isEqualTo(LoadMain.PUBLISH_FAILED);
    assertThat(err()).contains("publishing failed after 0 of", "run the same command again");
  }
}
