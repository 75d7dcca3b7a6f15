package io.tokenlens.simulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.ingest.otlp.MappedBatch;
import io.tokenlens.ingest.otlp.OtlpMapper;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.ingest.webhooks.GitHubMapper;
import io.tokenlens.ingest.webhooks.HmacSignatures;
import io.tokenlens.ingest.webhooks.PagerDutyMapper;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.schemas.avro.UsageMetric;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.delivery.DeliveryPlan;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the simulator sends, read back by the collector's own mappers (OTLP, GitHub, PagerDuty):
 * every simulated record arrives with the same event id and the same content, and nothing a default
 * source would not send is on the wire.
 */
class WireFidelityTest {
  static final Instant END = Instant.parse("2026-12-02T00:00:00Z");
  static final String GITHUB = "github-secret-0123456789";
  static final String PAGERDUTY = "pagerduty-secret-0123456789";
  static Timeline timeline;
  static List<HttpDelivery> deliveries;

  @BeforeAll
  static void simulate() {
    timeline = Simulation.run(Organisation.generate(11, 12, 3), 11, 1, END, 0.3, true);
    deliveries = new Encoder(Scenario.DEFAULTS, GITHUB, PAGERDUTY).encode(timeline);
  }

  @Test
  void collectorMapsEverySimulatedRecordWithItsEventIdAndContent() throws Exception {
    Map<String, SpecificRecord> expected = new HashMap<>();
    for (GeneratedEvent e : timeline.events()) {
      expected.put(eventId(e.value()), e.value());
    }
    Map<String, SpecificRecord> mapped = new HashMap<>();
    OtlpMapper otlp = new OtlpMapper(Clock.fixed(END, ZoneOffset.UTC));
    ObjectMapper json = new ObjectMapper();
    int metricPoints = 0;
    long pushes = 0;
    List<String> reverts = new ArrayList<>();
    for (HttpDelivery d : deliveries) {
      List<PendingRecord<?>> records = new ArrayList<>();
      switch (d.path()) {
        case ClaudeCodeLogs.PATH ->
            records.addAll(
                noRejections(otlp.mapLogs(ExportLogsServiceRequest.parseFrom(d.body()))));
        case GenAiSpans.PATH ->
            records.addAll(
                noRejections(otlp.mapTraces(ExportTraceServiceRequest.parseFrom(d.body()))));
        case ClaudeCodeMetrics.PATH -> {
          List<PendingRecord<?>> points =
              noRejections(otlp.mapMetrics(ExportMetricsServiceRequest.parseFrom(d.body())));
          assertThat(points)
              .hasSize(d.items().get(ClaudeCodeMetrics.POINT))
              .allSatisfy(p -> assertThat(p.value()).isInstanceOf(UsageMetric.class));
          metricPoints += points.size();
          continue;
        }
        case GitHubWebhooks.PATH -> {
          assertThat(
                  HmacSignatures.verifyGitHub(
                      GITHUB, d.body(), d.headers().get("X-Hub-Signature-256")))
              .isTrue();
          records.addAll(
              GitHubMapper.map(
                  d.headers().get("X-GitHub-Event"),
                  d.headers().get("X-GitHub-Delivery"),
                  json.readTree(d.body()),
                  END));
        }
        case PagerDutyWebhooks.PATH -> {
          assertThat(
                  HmacSignatures.verifyPagerDuty(
                      PAGERDUTY, d.body(), d.headers().get("X-PagerDuty-Signature")))
              .isTrue();
          records.addAll(PagerDutyMapper.map(json.readTree(d.body()), END));
        }
        default -> throw new AssertionError(d.path());
      }
      // pushes are not timeline events: ingest maps them to code-pushes, counted here
      pushes += records.stream().filter(r -> r.topic() == Topics.CODE_PUSHES).count();
      for (PendingRecord<?> r : records) {
        if (r.value() instanceof CodePush push) {
          push.getRevertedCommitIds().forEach(id -> reverts.add(push.getBranch() + " " + id));
        }
      }
      records.removeIf(r -> r.topic() == Topics.CODE_PUSHES);
      records.forEach(r -> mapped.put(eventId(r.value()), r.value()));
    }
    assertThat(pushes).as("GitHub pushes map to code-pushes").isPositive();
    assertThat(reverts)
        .as("the pushes revert the planted merge commits, and nothing else")
        .isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(
            timeline.reverts().stream().map(r -> r.branch() + " " + r.mergeCommitSha()).toList());
    assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(metricPoints).isPositive();
    for (var entry : expected.entrySet()) {
      SpecificRecord got = mapped.get(entry.getKey());
      SpecificRecord want = entry.getValue();
      if (want instanceof TokenUsage w && got instanceof TokenUsage g) {
        assertThat(
                List.of(
                    g.getInputTokens(),
                    g.getCacheReadTokens(),
                    g.getCacheWriteTokens(),
                    g.getOutputTokens()))
            .as(w.getEventId())
            .isEqualTo(
                List.of(
                    w.getInputTokens(),
                    w.getCacheReadTokens(),
                    w.getCacheWriteTokens(),
                    w.getOutputTokens()));
        assertThat(
                List.of(
                    g.getSessionId(),
                    g.getModel(),
                    g.getUserEmail(),
                    g.getRepository(),
                    g.getBranch(),
                    g.getStatus(),
                    g.getOccurredAt()))
            .isEqualTo(
                List.of(
                    w.getSessionId(),
                    w.getModel(),
                    w.getUserEmail(),
                    w.getRepository(),
                    w.getBranch(),
                    w.getStatus(),
                    w.getOccurredAt()));
      } else if (want instanceof AgentActivity w && got instanceof AgentActivity g) {
        assertThat(List.of(g.getKind(), g.getSessionId(), g.getOccurredAt(), g.getUserEmail()))
            .isEqualTo(List.of(w.getKind(), w.getSessionId(), w.getOccurredAt(), w.getUserEmail()));
        assertThat(g.getPromptHash()).as("no prompt text by default").isNull();
        assertThat(g.getToolArgumentsHash()).as("no tool parameters by default").isNull();
      } else if (want instanceof PullRequestEvent w && got instanceof PullRequestEvent g) {
        assertThat(
                List.of(
                    g.getAction(),
                    g.getRepository(),
                    g.getNumber(),
                    g.getBranch(),
                    g.getAuthorLogin()))
            .isEqualTo(
                List.of(
                    w.getAction(),
                    w.getRepository(),
                    w.getNumber(),
                    w.getBranch(),
                    w.getAuthorLogin()));
      } else if (want instanceof PullRequestReview w && got instanceof PullRequestReview g) {
        assertThat(List.of(g.getState(), g.getNumber(), g.getReviewerLogin()))
            .isEqualTo(List.of(w.getState(), w.getNumber(), w.getReviewerLogin()));
      } else if (want instanceof IncidentEvent w && got instanceof IncidentEvent g) {
        assertThat(List.of(g.getStatus(), g.getService(), g.getIncidentId(), g.getOccurredAt()))
            .isEqualTo(
                List.of(w.getStatus(), w.getService(), w.getIncidentId(), w.getOccurredAt()));
      } else {
        throw new AssertionError("type differs for " + entry.getKey());
      }
    }
  }

  @Test
  void recordsOfAnOtlpRequestAreShuffledWithinTheirExportInterval() throws Exception {
    OtlpMapper otlp = new OtlpMapper(Clock.fixed(END, ZoneOffset.UTC));
    int outOfOrder = 0;
    int multiRecord = 0;
    for (HttpDelivery d : deliveries) {
      if (d.path().equals(ClaudeCodeLogs.PATH)) {
        List<Instant> times =
            noRejections(otlp.mapLogs(ExportLogsServiceRequest.parseFrom(d.body()))).stream()
                .map(
                    r ->
                        r.value() instanceof TokenUsage u
                            ? u.getOccurredAt()
                            : ((AgentActivity) r.value()).getOccurredAt())
                .toList();
        if (times.size() > 2) {
          multiRecord++;
          List<Instant> sorted = times.stream().sorted().toList();
          outOfOrder += sorted.equals(times) ? 0 : 1;
          assertThat(java.time.Duration.between(sorted.get(0), sorted.get(sorted.size() - 1)))
              .isLessThanOrEqualTo(Encoder.EXPORT_INTERVAL);
        }
      }
    }
    assertThat(multiRecord).isPositive();
    assertThat(outOfOrder).isGreaterThan(multiRecord / 3);
  }

  @Test
  void deliveryPlanSendsSomeRequestsTwiceWithTheSameBodyAndSoTheSameEventIds() throws Exception {
    DeliveryPlan.Plan plan = DeliveryPlan.of(deliveries, 11, 0.02);
    Map<String, List<HttpDelivery>> byBody = new HashMap<>();
    for (HttpDelivery d : plan.deliveries()) {
      byBody
          .computeIfAbsent(
              d.path()
                  + java.util.HexFormat.of()
                      .formatHex(
                          java.security.MessageDigest.getInstance("SHA-256").digest(d.body())),
              k -> new ArrayList<>())
          .add(d);
    }
    List<List<HttpDelivery>> twice = byBody.values().stream().filter(l -> l.size() == 2).toList();
    assertThat(plan.duplicates()).isBetween(deliveries.size() / 100, deliveries.size() / 25);
    assertThat(twice)
        .hasSize(plan.duplicates())
        .allSatisfy(pair -> assertThat(pair.get(1).sentAt()).isAfter(pair.get(0).sentAt()));
    OtlpMapper otlp = new OtlpMapper(Clock.fixed(END, ZoneOffset.UTC));
    List<List<HttpDelivery>> logs =
        twice.stream().filter(p -> p.get(0).path().equals(ClaudeCodeLogs.PATH)).toList();
    assertThat(logs)
        .isNotEmpty()
        .allSatisfy(
            pair -> {
              List<String> first =
                  noRejections(otlp.mapLogs(ExportLogsServiceRequest.parseFrom(pair.get(0).body())))
                      .stream()
                      .map(r -> eventId(r.value()))
                      .toList();
              List<String> second =
                  noRejections(otlp.mapLogs(ExportLogsServiceRequest.parseFrom(pair.get(1).body())))
                      .stream()
                      .map(r -> eventId(r.value()))
                      .toList();
              assertThat(second).isNotEmpty().isEqualTo(first);
            });
  }

  @Test
  void otlpRequestsCarryAtMostOneHundredRecordsOfOneSession() throws Exception {
    for (HttpDelivery d : deliveries) {
      if (d.path().equals(ClaudeCodeLogs.PATH)) {
        var request = ExportLogsServiceRequest.parseFrom(d.body());
        var records = request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
        assertThat(records).hasSizeBetween(1, Encoder.MAX_BATCH);
        assertThat(
                records.stream()
                    .map(
                        r ->
                            r.getAttributesList().stream()
                                .filter(a -> a.getKey().equals("session.id"))
                                .findFirst()
                                .orElseThrow()
                                .getValue()
                                .getStringValue())
                    .distinct())
            .hasSize(1);
        assertThat(records)
            .allSatisfy(
                r ->
                    assertThat(r.getAttributesList())
                        .noneMatch(
                            a ->
                                a.getKey().equals("prompt")
                                    && !a.getValue()
                                        .getStringValue()
                                        .equals(ClaudeCodeLogs.REDACTED))
                        .noneMatch(
                            a ->
                                a.getKey().equals("tool_parameters")
                                    || a.getKey().equals("tool_input")));
        assertThat(records)
            .filteredOn(r -> r.getEventName().equals("claude_code.user_prompt"))
            .allSatisfy(
                r -> assertThat(r.getAttributesList()).anyMatch(a -> a.getKey().equals("prompt")));
      }
    }
  }

  @Test
  void toolResultsCarryTheirDecisionAsDecisionTypeAndDecisionSourceAndBashItsParameters()
      throws Exception {
    AgentActivity bash =
        AgentActivities.aToolResult()
            .session("s-7")
            .sequence(4)
            .toolName("Bash")
            .toolArgumentsHash("args-1")
            .decision(ToolDecision.ACCEPT, "config")
            .build();
    AgentActivity read =
        AgentActivities.aToolResult()
            .session("s-7")
            .sequence(5)
            .toolName("Read")
            .toolArgumentsHash("args-2")
            .build();
    HttpDelivery delivery =
        new ClaudeCodeLogs(new Scenario(false, true)).export(List.of(bash, read), END);

    var records =
        ExportLogsServiceRequest.parseFrom(delivery.body())
            .getResourceLogs(0)
            .getScopeLogs(0)
            .getLogRecordsList();
    Map<String, String> bashAttributes = new HashMap<>();
    records
        .get(0)
        .getAttributesList()
        .forEach(a -> bashAttributes.put(a.getKey(), a.getValue().getStringValue()));
    assertThat(bashAttributes)
        .containsEntry("decision_type", "accept")
        .containsEntry("decision_source", "config")
        .doesNotContainKeys("decision", "source")
        .containsKeys("tool_input", "tool_parameters");
    assertThat(records.get(1).getAttributesList())
        .extracting(a -> a.getKey())
        .contains("tool_input")
        .doesNotContain("tool_parameters", "decision_type", "decision_source");
    List<PendingRecord<?>> mapped =
        noRejections(
            new OtlpMapper(Clock.fixed(END, ZoneOffset.UTC))
                .mapLogs(ExportLogsServiceRequest.parseFrom(delivery.body())));
    AgentActivity got = (AgentActivity) mapped.get(0).value();
    assertThat(got.getDecision()).isEqualTo(ToolDecision.ACCEPT);
    assertThat(got.getDecisionSource()).isEqualTo("config");
  }

  @Test
  void promptTextAndToolParametersAreSentOnlyWhenTheScenarioEnablesThem() throws Exception {
    List<HttpDelivery> detailed =
        new Encoder(new Scenario(true, true), GITHUB, PAGERDUTY).encode(timeline);
    OtlpMapper otlp = new OtlpMapper(Clock.fixed(END, ZoneOffset.UTC));
    List<AgentActivity> activity = new ArrayList<>();
    for (HttpDelivery d : detailed) {
      if (d.path().equals(ClaudeCodeLogs.PATH)) {
        otlp.mapLogs(ExportLogsServiceRequest.parseFrom(d.body())).records().stream()
            .map(PendingRecord::value)
            .filter(AgentActivity.class::isInstance)
            .map(AgentActivity.class::cast)
            .forEach(activity::add);
      }
    }
    assertThat(activity)
        .filteredOn(a -> a.getKind() == io.tokenlens.schemas.avro.ActivityKind.USER_PROMPT)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getPromptHash()).isNotNull());
    assertThat(activity)
        .filteredOn(a -> a.getKind() == io.tokenlens.schemas.avro.ActivityKind.TOOL_RESULT)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.getToolArgumentsHash()).isNotNull());
    // the hash ingest computes differs exactly when the simulated arguments key does
    Map<String, SpecificRecord> simulated = new HashMap<>();
    timeline.events().forEach(e -> simulated.put(eventId(e.value()), e.value()));
    Map<String, Set<String>> mappedBySimulated = new HashMap<>();
    Map<String, Set<String>> simulatedByMapped = new HashMap<>();
    int toolResults = 0;
    for (AgentActivity a : activity) {
      if (a.getKind() == io.tokenlens.schemas.avro.ActivityKind.TOOL_RESULT) {
        toolResults++;
        String key = ((AgentActivity) simulated.get(a.getEventId())).getToolArgumentsHash();
        mappedBySimulated.computeIfAbsent(key, k -> new HashSet<>()).add(a.getToolArgumentsHash());
        simulatedByMapped.computeIfAbsent(a.getToolArgumentsHash(), k -> new HashSet<>()).add(key);
      }
    }
    assertThat(mappedBySimulated.values()).allSatisfy(hashes -> assertThat(hashes).hasSize(1));
    assertThat(simulatedByMapped.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));
    assertThat(mappedBySimulated).as("some arguments repeat").hasSizeLessThan(toolResults);
  }

  private static List<PendingRecord<?>> noRejections(MappedBatch batch) {
    assertThat(batch.rejections()).isEmpty();
    return batch.records();
  }

  static String eventId(SpecificRecord r) {
    return String.valueOf(r.get(r.getSchema().getField("eventId").pos()));
  }
}
