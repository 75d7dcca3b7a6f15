package io.tokenlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.simulator.delivery.DeliveryPlan;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Engineer;
import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.waste.LabelKind;
import io.tokenlens.simulator.waste.Pattern;
import io.tokenlens.simulator.wire.Encoder;
import io.tokenlens.simulator.wire.HttpDelivery;
import io.tokenlens.simulator.wire.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationTest {
  static final Instant END = Instant.parse("2026-12-04T00:00:00Z");

  private static Timeline simulate(long seed, double wasteRate) {
    return Simulation.run(
        Organisation.generate(seed, 30, 5), seed, 3, END, wasteRate, wasteRate > 0);
  }

  private static String digest(List<HttpDelivery> deliveries) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (HttpDelivery d : deliveries) {
      sha.update(d.path().getBytes());
      sha.update(d.sentAt().toString().getBytes());
      sha.update(d.body());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void sameSeedGivesTheSameRequestsAndLabelsAndAnotherSeedOthers() throws Exception {
    Encoder encoder = new Encoder(Scenario.DEFAULTS, "g-secret-0123456789", "p-secret-0123456789");
    Timeline a = simulate(7, 0.2);
    Timeline b = simulate(7, 0.2);
    Timeline c = simulate(8, 0.2);
    assertThat(digest(DeliveryPlan.of(encoder.encode(a), 7, 0.05).deliveries()))
        .isEqualTo(digest(DeliveryPlan.of(encoder.encode(b), 7, 0.05).deliveries()))
        .isNotEqualTo(digest(DeliveryPlan.of(encoder.encode(c), 8, 0.05).deliveries()));
    assertThat(a.labels()).isEqualTo(b.labels()).isNotEqualTo(c.labels());
  }

  @Test
  void baselineWorkHappensInsideEachEngineersWorkingHours() {
    Organisation organisation = Organisation.generate(3, 60, 6);
    Map<String, Engineer> byEmail =
        organisation.engineers().stream().collect(Collectors.toMap(Engineer::email, e -> e));
    Timeline clean = Simulation.run(organisation, 3, 7, END, 0, false);
    List<Instant> work =
        clean.events().stream()
            .map(
                e ->
                    e.value() instanceof TokenUsage u
                        ? u.getUserEmail() + "@" + u.getOccurredAt()
                        : e.value() instanceof AgentActivity x
                            ? x.getUserEmail() + "@" + x.getOccurredAt()
                            : null)
            .filter(s -> s != null)
            .map(s -> Instant.parse(s.substring(s.lastIndexOf('@') + 1)))
            .toList();
    assertThat(work).hasSizeGreaterThan(10_000);
    clean
        .events()
        .forEach(
            e -> {
              String email =
                  e.value() instanceof TokenUsage u
                      ? u.getUserEmail()
                      : e.value() instanceof AgentActivity x ? x.getUserEmail() : null;
              if (email != null) {
                assertThat(byEmail.get(email).isWorking(e.occurredAt()))
                    .as(email + " at " + e.occurredAt())
                    .isTrue();
              }
            });
    assertThat(clean.labels()).isEmpty();
  }

  /**
   * Each planted AI-heavy merge without approval costs more tokens than nine in ten of the merges
   * of its repository up to it, itself included, and the repository had at least fifteen: the
   * test's reading of a quality gate, not the detector's configuration.
   */
  @Test
  void plantedUnapprovedMergesAreInTheTopTenthOfTheirRepositorysMerges() {
    Timeline t = Simulation.run(Organisation.generate(9, 40, 4), 9, 5, END, 0.5, true);
    Map<String, Long> tokens =
        t.events().stream()
            .map(e -> e.value())
            .filter(TokenUsage.class::isInstance)
            .map(TokenUsage.class::cast)
            .collect(
                Collectors.groupingBy(
                    u -> u.getRepository() + "@" + u.getBranch(),
                    Collectors.summingLong(
                        u ->
                            u.getInputTokens()
                                + u.getOutputTokens()
                                + u.getCacheReadTokens()
                                + u.getCacheWriteTokens())));
    List<PullRequestEvent> merges =
        t.events().stream()
            .map(e -> e.value())
            .filter(PullRequestEvent.class::isInstance)
            .map(PullRequestEvent.class::cast)
            .filter(p -> Boolean.TRUE.equals(p.getMerged()))
            .toList();
    List<io.tokenlens.simulator.waste.Label> planted =
        t.labels().stream()
            .filter(
                l ->
                    l.pattern() == Pattern.UNAPPROVED_AI_HEAVY_MERGE
                        && l.kind() == LabelKind.PLANTED)
            .toList();
    assertThat(planted).hasSizeGreaterThan(2);
    for (io.tokenlens.simulator.waste.Label l : planted) {
      PullRequestEvent pr =
          merges.stream()
              .filter(
                  p -> p.getMergedAt().equals(l.end()) && p.getBranch().contains(l.engineerId()))
              .findFirst()
              .orElseThrow();
      long cost = tokens.get(pr.getRepository() + "@" + pr.getBranch());
      List<Long> upToIt =
          merges.stream()
              .filter(p -> p.getRepository().equals(pr.getRepository()))
              .filter(p -> !p.getMergedAt().isAfter(pr.getMergedAt()))
              .map(p -> tokens.getOrDefault(p.getRepository() + "@" + p.getBranch(), 0L))
              .toList();
      assertThat(upToIt).hasSizeGreaterThanOrEqualTo(15);
      assertThat(upToIt.stream().filter(c -> c < cost).count())
          .as(pr.getRepository() + "#" + pr.getNumber())
          .isGreaterThanOrEqualTo(Math.round(Math.ceil(0.9 * upToIt.size())));
    }
  }

  @Test
  void wasteRatePlantsEveryPatternWithNearMissesAndLookAlikes() {
    Timeline t = Simulation.run(Organisation.generate(9, 40, 4), 9, 5, END, 0.25, true);
    assertThat(t.labels())
        .filteredOn(l -> l.kind() == LabelKind.PLANTED)
        .extracting(l -> l.pattern())
        .containsAll(List.of(Pattern.values()));
    assertThat(t.labels())
        .filteredOn(l -> l.kind() == LabelKind.NEAR_MISS)
        .extracting(l -> l.pattern())
        .containsAll(List.of(Pattern.values()));
    assertThat(t.labels())
        .filteredOn(l -> l.kind() == LabelKind.LOOK_ALIKE)
        .extracting(l -> l.pattern())
        .contains(Pattern.LOOPING_AGENT, Pattern.DUPLICATE_GENERATION, Pattern.OVERNIGHT_PADDING);
    assertThat(t.labels())
        .filteredOn(
            l -> l.pattern() == Pattern.INCIDENT_AFTER_AI_HEAVY_PR && l.kind() == LabelKind.PLANTED)
        .hasSizeGreaterThan(2);
    java.util.Map<String, List<java.time.Instant>> mergesByEdge =
        t.events().stream()
            .map(e -> e.value())
            .filter(io.tokenlens.schemas.avro.PullRequestEvent.class::isInstance)
            .map(io.tokenlens.schemas.avro.PullRequestEvent.class::cast)
            .filter(
                p ->
                    p.getAction() == io.tokenlens.schemas.avro.PrAction.MERGED
                        && Organisation.EDGE_REPOSITORIES.contains(p.getRepository()))
            .collect(
                java.util.stream.Collectors.groupingBy(
                    p -> p.getRepository(),
                    java.util.stream.Collectors.mapping(
                        p -> p.getMergedAt(), java.util.stream.Collectors.toList())));
    assertThat(mergesByEdge).hasSizeGreaterThan(2);
    mergesByEdge
        .values()
        .forEach(
            merges -> {
              List<java.time.Instant> sorted = merges.stream().sorted().toList();
              for (int i = 1; i < sorted.size(); i++) {
                assertThat(java.time.Duration.between(sorted.get(i - 1), sorted.get(i)))
                    .isGreaterThanOrEqualTo(java.time.Duration.ofHours(72));
              }
            });
  }

  @Test
  void dryRunWritesTheLabelsAsJsonLines(@TempDir Path dir) throws Exception {
    Path labels = dir.resolve("out/labels.jsonl");
    SimulateOptions options =
        SimulateOptions.parse(
            new String[] {
              "--dry-run",
              "--engineers",
              "20",
              "--teams",
              "4",
              "--days",
              "2",
              "--seed",
              "5",
              "--waste-rate",
              "0.3",
              "--labels",
              labels.toString(),
              "--end",
              END.toString()
            },
            Map.of());
    SimulationRun.Result result =
        new SimulationRun(options, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
            .run();

    List<String> lines = Files.readAllLines(labels);
    assertThat(lines).hasSize(result.timeline().labels().size()).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode n = json.readTree(lines.get(i));
      var label = result.timeline().labels().get(i);
      assertThat(n.fieldNames())
          .toIterable()
          .containsExactly("pattern", "engineerId", "team", "sessionId", "start", "end", "kind");
      assertThat(n.get("pattern").asText()).isEqualTo(label.pattern().name());
      assertThat(n.get("engineerId").asText()).isEqualTo(label.engineerId());
      assertThat(n.get("team").asText()).isEqualTo(label.team());
      assertThat(Instant.parse(n.get("start").asText())).isEqualTo(label.start());
      assertThat(Instant.parse(n.get("end").asText())).isEqualTo(label.end());
      assertThat(n.get("kind").asText()).isIn("planted", "near-miss", "look-alike");
    }
    assertThat(result.counts().events("claude_code.api_request")).isPositive();
    assertThat(result.plan().lateBatches()).isEqualTo(1);
  }

  @Test
  void invalidOptionsAreAllReportedAtOnce() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SimulateOptions.parse(
                    new String[] {
                      "--engineers", "0", "--rate", "fast", "--waste-rate", "2", "--bogus"
                    },
                    Map.of()))
        .isInstanceOfSatisfying(
            io.tokenlens.schemas.config.CommandLineException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(8)
                    .anyMatch(p -> p.startsWith("--engineers"))
                    .anyMatch(p -> p.startsWith("--rate"))
                    .anyMatch(p -> p.startsWith("--waste-rate"))
                    .anyMatch(p -> p.contains("--bogus"))
                    .anyMatch(p -> p.startsWith("--api-key")));
  }

  @Test
  void secretsDefaultToTheVariablesIngestReads() throws Exception {
    SimulateOptions o =
        SimulateOptions.parse(
            new String[0],
            Map.of(
                "TOKENLENS_INGEST_API_KEYS",
                "laptop=key-0123456789abcdef,ci=other",
                "TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET",
                "gh-secret",
                "TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET",
                "pd-secret"));
    assertThat(List.of(o.apiKey(), o.githubSecret(), o.pagerdutySecret()))
        .containsExactly("key-0123456789abcdef", "gh-secret", "pd-secret");
  }

  @Test
  void apiKeyPrefersAnAdminKeyForItLoadsTheDirectory() throws Exception {
    SimulateOptions o =
        SimulateOptions.parse(
            new String[0],
            Map.of(
                "TOKENLENS_INGEST_API_KEYS",
                "laptop=key-0123456789abcdef",
                "TOKENLENS_INGEST_ADMIN_API_KEYS",
                "demo=admin-0123456789abcdef",
                "TOKENLENS_INGEST_GITHUB_WEBHOOK_SECRET",
                "gh-secret",
                "TOKENLENS_INGEST_PAGERDUTY_WEBHOOK_SECRET",
                "pd-secret"));
    assertThat(o.apiKey()).isEqualTo("admin-0123456789abcdef");
  }
}
