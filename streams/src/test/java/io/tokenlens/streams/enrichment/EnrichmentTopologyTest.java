package io.tokenlens.streams.enrichment;

import static io.tokenlens.schemas.topics.RecordHeaders.AUTHENTICATED_BY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.state.SequenceSet;
import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTopologyTest {

  private static final Instant T0 = Fixtures.T0;

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
    harness.pipe(
        ModelPrices.aPrice()
            .build()); // 3 in, 15 out, 0.30 cache read, 3.75 cache write, from 2026-01-01
    harness.pipe(DirectoryEntries.anEngineer("eng-7", "payments").costCenter("cc-42").build());
    harness.pipe(
        DirectoryEntries.anIdentity(IdentityKind.EMAIL, "Ada@Example.com", "eng-7").build());
    harness.pipe(DirectoryEntries.anIdentity(IdentityKind.API_KEY_ID, "key-1", "eng-7").build());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldResolveEmailToEngineerTeamAndCostCentreAndKeyByEngineer() {
    TokenUsage raw = TokenUsages.aRequest().email("ADA@example.com").session("s-9").at(T0).build();
    harness.pipe(raw, T0);

    TestRecord<String, TokenUsage> out = harness.enriched.readRecord();
    assertThat(out.key()).isEqualTo("eng-7");
    assertThat(out.value().getEngineerId()).isEqualTo("eng-7");
    assertThat(out.value().getTeam()).isEqualTo("payments");
    assertThat(out.value().getCostCenter()).isEqualTo("cc-42");
    assertThat(out.timestamp()).isEqualTo(T0.toEpochMilli());
    assertThat(out.headers().lastHeader(EnrichmentProcessor.IDENTITY_HEADER)).isNull();
  }

  @Test
  void shouldKeepTheCollectorsAuthenticatedByHeaderOnTheEnrichedRecord() {
    TokenUsage known =
        TokenUsages.aRequest().email("ada@example.com").session("s-1").at(T0).build();
    TokenUsage unknown =
        TokenUsages.aRequest().email("stranger@else.org").session("s-2").at(T0).build();
    TokenUsage unmarked =
        TokenUsages.aRequest().email("ada@example.com").session("s-3").at(T0).build();
    harness.usage.pipeInput(
        new TestRecord<>(
            Topics.TOKEN_USAGE.key(known),
            known,
            new RecordHeaders().add(AUTHENTICATED_BY, bytes("api-key:5eec0dc419aa8337")),
            T0));
    harness.usage.pipeInput(
        new TestRecord<>(
            Topics.TOKEN_USAGE.key(unknown),
            unknown,
            new RecordHeaders().add(AUTHENTICATED_BY, bytes("api-key:0123456789abcdef")),
            T0));
    harness.pipe(unmarked, T0);

    List<TestRecord<String, TokenUsage>> out = harness.enriched.readRecordsToList();

    assertThat(out).extracting(r -> r.value().getSessionId()).containsExactly("s-1", "s-2", "s-3");
    assertThat(out.get(0).key()).isEqualTo("eng-7"); // re-keyed by engineer, header kept
    assertThat(authenticatedBy(out.get(0))).isEqualTo("api-key:5eec0dc419aa8337");
    assertThat(authenticatedBy(out.get(1))).isEqualTo("api-key:0123456789abcdef");
    assertThat(out.get(2).headers().lastHeader(AUTHENTICATED_BY)).isNull();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String authenticatedBy(TestRecord<String, TokenUsage> record) {
    assertThat(record.headers().headers(AUTHENTICATED_BY)).hasSize(1);
    return new String(
        record.headers().lastHeader(AUTHENTICATED_BY).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldFallBackToTheApiKeyWhenTheEmailIsUnknown() {
    harness.pipe(
        TokenUsages.aRequest().email("someone@else.org").apiKey("key-1").at(T0).build(), T0);

    assertThat(harness.enriched.readValue().getEngineerId()).isEqualTo("eng-7");
  }

  @Test
  void shouldPassUnknownIdentitiesThroughMarkedUnknownAndCounted() {
    TokenUsage raw =
        TokenUsages.aRequest().email("stranger@else.org").session("s-unknown").at(T0).build();
    harness.pipe(raw, T0);

    TestRecord<String, TokenUsage> out = harness.enriched.readRecord();
    assertThat(out.key()).isEqualTo("s-unknown");
    assertThat(out.value().getEngineerId()).isNull();
    assertThat(out.value().getTeam()).isNull();
    assertThat(
            new String(
                out.headers().lastHeader(EnrichmentProcessor.IDENTITY_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("unknown");
    assertThat(counter("unknown-identity-total")).isEqualTo(1.0);
  }

  @Test
  void shouldPriceEachRequestAtThePriceInEffectAtItsOwnTime() {
    Instant change = T0.plus(Duration.ofHours(1));
    harness.pipe(
        ModelPrices.aPrice()
            .effectiveFrom(change)
            .perMillion(6.0, 30.0, 0.60, 7.50)
            .version(2)
            .build());
    TokenUsage before =
        TokenUsages.aRequest()
            .email("ada@example.com")
            .tokens(1_000_000, 0, 0, 100_000)
            .at(change.minusMillis(1))
            .build();
    TokenUsage after =
        TokenUsages.aRequest()
            .email("ada@example.com")
            .tokens(1_000_000, 0, 0, 100_000)
            .at(change)
            .build();
    // the later request arrives first: the price depends on event time, not on arrival order
    harness.pipe(after, change.plusSeconds(5));
    harness.pipe(before, change.plusSeconds(6));

    List<TokenUsage> out = harness.enriched.readValuesToList();
    assertThat(out)
        .extracting(TokenUsage::getEventId)
        .containsExactly(after.getEventId(), before.getEventId());
    assertThat(out.get(0).getComputedCostUsd()).isCloseTo(6.0 + 3.0, within(1e-9));
    assertThat(out.get(1).getComputedCostUsd()).isCloseTo(3.0 + 1.5, within(1e-9));
  }

  @Test
  void shouldPriceAtAPriceCorrectedAfterTheBookWasRead() {
    Function<String, TokenUsage> request =
        id ->
            TokenUsages.aRequest()
                .eventId(id)
                .email("ada@example.com")
                .tokens(1_000_000, 0, 0, 0)
                .at(T0)
                .build();
    harness.pipe(request.apply("e-1"), T0);
    harness.pipe(ModelPrices.aPrice().perMillion(4.0, 15.0, 0.30, 3.75).version(2).build());
    harness.pipe(request.apply("e-2"), T0.plusSeconds(1));
    harness.pipe(
        ModelPrices.aPrice()
            .effectiveFrom(T0.minusSeconds(60))
            .perMillion(5.0, 15.0, 0.30, 3.75)
            .version(3)
            .build());
    harness.pipe(request.apply("e-3"), T0.plusSeconds(2));

    assertThat(harness.enriched.readValuesToList())
        .extracting(TokenUsage::getComputedCostUsd)
        .containsExactly(3.0, 4.0, 5.0);
  }

  @Test
  void shouldResolveAnIdentityAddedToTheDirectoryAfterItWasFoundUnknown() {
    Function<String, TokenUsage> request =
        id -> TokenUsages.aRequest().eventId(id).email("grace@example.com").at(T0).build();
    harness.pipe(request.apply("e-1"), T0);
    harness.pipe(DirectoryEntries.anEngineer("eng-8", "search").build());
    harness.pipe(
        DirectoryEntries.anIdentity(IdentityKind.EMAIL, "grace@example.com", "eng-8").build());
    harness.pipe(request.apply("e-2"), T0.plusSeconds(1));
    harness.pipe(DirectoryEntries.anEngineer("eng-8", "platform").build());
    harness.pipe(request.apply("e-3"), T0.plusSeconds(2));

    assertThat(harness.enriched.readValuesToList())
        .extracting(TokenUsage::getEngineerId, TokenUsage::getTeam)
        .containsExactly(tuple(null, null), tuple("eng-8", "search"), tuple("eng-8", "platform"));
  }

  @Test
  void shouldKeepTheReportedCostNextToTheComputedCost() {
    harness.pipe(
        TokenUsages.aRequest()
            .email("ada@example.com")
            .tokens(1000, 2000, 3000, 400)
            .reportedCost(0.5)
            .at(T0)
            .build(),
        T0);

    TokenUsage out = harness.enriched.readValue();
    assertThat(out.getReportedCostUsd()).isEqualTo(0.5);
    double expected = (1000 * 3.0 + 2000 * 0.30 + 3000 * 3.75 + 400 * 15.0) / 1_000_000;
    assertThat(out.getComputedCostUsd()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void shouldLeaveTheCostOfAModelWithoutPriceEmptyAndCountIt() {
    harness.pipe(
        TokenUsages.aRequest().model("unpriced-model").email("ada@example.com").at(T0).build(), T0);
    harness.pipe(
        TokenUsages.aRequest()
            .email("ada@example.com")
            .at(Instant.parse("2025-12-31T23:59:59Z"))
            .build(),
        T0);

    assertThat(harness.enriched.readValuesToList())
        .extracting(TokenUsage::getComputedCostUsd)
        .containsExactly(null, null);
    assertThat(counter("unpriced-total")).isEqualTo(2.0);
  }

  @Test
  void shouldDropARetriedEventWithinTheDedupWindowAndCountIt() {
    TokenUsage event = TokenUsages.aRequest().email("ada@example.com").at(T0).build();
    harness.pipe(event, T0);
    harness.pipe(event, T0.plusSeconds(30));
    harness.driver().advanceWallClockTime(TopologyHarness.DEDUP.minusMinutes(1));
    harness.pipe(event, T0.plusSeconds(60));

    assertThat(harness.enriched.readValuesToList()).hasSize(1);
    assertThat(counter("duplicate-total")).isEqualTo(2.0);
  }

  @Test
  void shouldForgetEventIdsOnceTheDedupWindowHasPassed() {
    TokenUsage event = TokenUsages.aRequest().email("ada@example.com").at(T0).build();
    harness.pipe(event, T0);
    harness.driver().advanceWallClockTime(TopologyHarness.DEDUP.plusMinutes(1));
    harness.pipe(event, T0.plusSeconds(30));

    assertThat(harness.enriched.readValuesToList()).hasSize(2);
  }

  @Test
  void shouldDropARetriedClaudeCodeEventByItsSessionSequenceNumber() {
    TokenUsage event =
        TokenUsages.aRequest()
            .email("ada@example.com")
            .session("s-1")
            .eventId("claude-code:s-1:7")
            .at(T0)
            .build();
    harness.pipe(event, T0);
    harness.pipe(
        TokenUsages.aRequest()
            .email("ada@example.com")
            .session("s-1")
            .eventId("claude-code:s-1:8")
            .at(T0)
            .build(),
        T0);
    harness.pipe(event, T0.plusSeconds(30));

    assertThat(harness.enriched.readValuesToList())
        .extracting(TokenUsage::getEventId)
        .containsExactly("claude-code:s-1:7", "claude-code:s-1:8");
    assertThat(counter("duplicate-total")).isEqualTo(1.0);
  }

  @Test
  void shouldKeepOneRangeForASessionsUsageAndActivityWhateverTheirCount() {
    for (int n = 1; n <= 400; n++) {
      if (n % 2 == 0) {
        harness.pipe(
            TokenUsages.aRequest()
                .email("ada@example.com")
                .session("s-1")
                .eventId("claude-code:s-1:" + n)
                .at(T0.plusSeconds(n))
                .build(),
            T0.plusSeconds(n));
      } else {
        harness.pipe(
            AgentActivities.aToolResult()
                .session("s-1")
                .eventId("claude-code:s-1:" + n)
                .at(T0.plusSeconds(n))
                .build());
      }
    }
    harness.pipe(
        TokenUsages.aRequest()
            .email("ada@example.com")
            .session("s-1")
            .eventId("claude-code:s-1:200")
            .at(T0.plusSeconds(200))
            .build(),
        T0.plusSeconds(401));
    harness.pipe(
        AgentActivities.aToolResult()
            .session("s-1")
            .eventId("claude-code:s-1:201")
            .at(T0.plusSeconds(201))
            .build());

    assertThat(harness.enriched.readValuesToList()).hasSize(200);
    assertThat(counter("duplicate-total")).isEqualTo(2.0);
    @SuppressWarnings("unchecked")
    BufferedWindowStore<SequenceSet> store =
        (BufferedWindowStore<SequenceSet>) harness.driver().getStateStore(SessionSequences.STORE);
    List<Integer> ranges = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, SequenceSet> all = store.all()) {
      all.forEachRemaining(kv -> ranges.add(kv.value.ranges()));
    }
    assertThat(ranges).containsExactly(1);
  }

  @Test
  void shouldForgetASessionsSequenceNumbersOnceTheDedupWindowHasPassed() {
    TokenUsage event =
        TokenUsages.aRequest()
            .email("ada@example.com")
            .session("s-1")
            .eventId("claude-code:s-1:7")
            .at(T0)
            .build();
    harness.pipe(event, T0);
    harness.driver().advanceWallClockTime(TopologyHarness.DEDUP.plusHours(1).plusMinutes(1));
    harness.pipe(event, T0.plusSeconds(30));

    assertThat(harness.enriched.readValuesToList()).hasSize(2);
  }

  @Test
  void shouldNotTreatDifferentEventsOfTheSameSessionAsDuplicates() {
    harness.pipe(TokenUsages.aRequest().email("ada@example.com").at(T0).build(), T0);
    harness.pipe(TokenUsages.aRequest().email("ada@example.com").at(T0).build(), T0);

    assertThat(harness.enriched.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("eng-7", "eng-7");
  }

  @Test
  void shouldApplyADirectoryChangeToLaterEvents() {
    harness.pipe(TokenUsages.aRequest().email("ada@example.com").at(T0).build(), T0);
    harness.pipe(
        DirectoryEntries.anEngineer("eng-7", "platform")
            .version(2)
            .updatedAt(T0.plusSeconds(1))
            .build());
    harness.pipe(
        TokenUsages.aRequest().email("ada@example.com").at(T0.plusSeconds(2)).build(),
        T0.plusSeconds(2));

    assertThat(harness.enriched.readValuesToList())
        .extracting(TokenUsage::getTeam)
        .containsExactly("payments", "platform");
  }

  private double counter(String name) {
    return harness.driver().metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().group().equals("stream-tokenlens-metrics")
                    && e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }
}
