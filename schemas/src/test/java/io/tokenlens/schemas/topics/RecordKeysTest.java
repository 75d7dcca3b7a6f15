package io.tokenlens.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.BudgetEntry;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.DirectoryEntryKind;
import io.tokenlens.schemas.avro.IdentityEntry;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.RollupDimension;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  private static TokenUsage.Builder usage() {
    return TokenUsage.newBuilder()
        .setEventId("ev-1")
        .setOccurredAt(Instant.EPOCH)
        .setAcceptedAt(Instant.EPOCH)
        .setProvider("anthropic")
        .setModel("m");
  }

  @Test
  void shouldKeyTokenUsageBySessionElseIdentityElseEventId() {
    assertThat(Topics.TOKEN_USAGE.key(usage().setSessionId("s1").setUserId("u1").build()))
        .isEqualTo("s1");
    assertThat(Topics.TOKEN_USAGE.key(usage().setUserEmail("a@x.io").build())).isEqualTo("a@x.io");
    assertThat(Topics.TOKEN_USAGE.key(usage().build())).isEqualTo("ev-1");
    assertThat(
            Topics.TOKEN_USAGE_ENRICHED.key(usage().setSessionId("s1").setEngineerId("e1").build()))
        .isEqualTo("e1");
  }

  @Test
  void shouldKeyDirectoryEntriesByKindAndId() {
    DirectoryEntry identity =
        DirectoryEntry.newBuilder()
            .setKind(DirectoryEntryKind.IDENTITY)
            .setVersion(1)
            .setUpdatedAt(Instant.EPOCH)
            .setIdentity(
                IdentityEntry.newBuilder()
                    .setIdentityKind(IdentityKind.EMAIL)
                    .setIdentity("Ann@Example.com")
                    .setEngineerId("e1")
                    .build())
            .build();
    DirectoryEntry budget =
        DirectoryEntry.newBuilder()
            .setKind(DirectoryEntryKind.BUDGET)
            .setVersion(1)
            .setUpdatedAt(Instant.EPOCH)
            .setBudget(
                BudgetEntry.newBuilder()
                    .setSubjectKind(SubjectKind.TEAM)
                    .setSubjectId("payments")
                    .setDailyUsd(50.0)
                    .build())
            .build();

    assertThat(Topics.DIRECTORY.key(identity)).isEqualTo("identity:EMAIL:ann@example.com");
    assertThat(Topics.DIRECTORY.key(budget)).isEqualTo("budget:TEAM:payments");
  }

  @Test
  void shouldKeyEachPricePeriodSeparately() {
    ModelPrice price =
        ModelPrice.newBuilder()
            .setProvider("anthropic")
            .setModel("claude-sonnet-4-5")
            .setEffectiveFrom(Instant.parse("2026-01-01T00:00:00.500Z"))
            .setInputUsdPerMillion(3)
            .setOutputUsdPerMillion(15)
            .setCacheReadUsdPerMillion(0.3)
            .setCacheWriteUsdPerMillion(3.75)
            .setVersion(1)
            .build();

    assertThat(Topics.MODEL_PRICES.key(price))
        .isEqualTo("anthropic/claude-sonnet-4-5@2026-01-01T00:00:00Z")
        .startsWith(RecordKeys.modelPricePrefix("anthropic", "claude-sonnet-4-5"));
  }

  @Test
  void shouldKeyRollupsByDimensionValueAndWindow() {
    UsageRollup rollup =
        UsageRollup.newBuilder()
            .setDimension(RollupDimension.TEAM)
            .setDimensionValue("core")
            .setWindowStart(Instant.parse("2026-01-01T10:00:00Z"))
            .setWindowEnd(Instant.parse("2026-01-01T10:01:00Z"))
            .setVersion(1)
            .setEmittedAt(Instant.EPOCH)
            .build();

    assertThat(Topics.USAGE_ROLLUPS.key(rollup)).isEqualTo("TEAM:core@2026-01-01T10:00:00Z");
  }
}
