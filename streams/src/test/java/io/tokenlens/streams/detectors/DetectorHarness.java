package io.tokenlens.streams.detectors;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's topology with a priced model and one engineer, and shortcuts for the detector tests.
 */
final class DetectorHarness implements AutoCloseable {

  static final Instant T0 = Fixtures.T0;
  static final String SESSION = "s-1";

  /** The detectors' default grace. */
  static final Duration GRACE = Duration.ofMinutes(1);

  final TopologyHarness topology;

  DetectorHarness(Path stateDir) {
    this(stateDir, Map.of());
  }

  /** With detector settings {@code overrides}. */
  DetectorHarness(Path stateDir, Map<String, String> overrides) {
    topology = new TopologyHarness(stateDir, overrides);
    topology.pipe(ModelPrices.aPrice().build());
    topology.pipe(DirectoryEntries.anEngineer(Fixtures.ENGINEER, Fixtures.TEAM).build());
    topology.pipe(DirectoryEntries.anEmailIdentity(Fixtures.ENGINEER).build());
  }

  /** Pipes {@code usage} at its event time. */
  void pipe(TokenUsages.Builder usage) {
    TokenUsage event = usage.build();
    topology.pipe(event, event.getOccurredAt());
  }

  /**
   * Moves stream time to {@code at} with a request of another session, so that decisions due by
   * then (an event's time plus the grace) are taken.
   */
  void streamTimeTo(Instant at) {
    pipe(
        TokenUsages.aRequest()
            .session("s-clock")
            .fingerprint("size:clock-" + at.toEpochMilli())
            .at(at));
  }

  /** A user prompt in {@code session} at {@code at}. */
  void prompt(String session, Instant at) {
    AgentActivity prompt = AgentActivities.aUserPrompt().session(session).at(at).build();
    topology.pipe(prompt);
  }

  /** Pipes a version of a pull request's attribution, keyed as the job keys it, at {@code at}. */
  void pipe(PrAttribution attribution, Instant at) {
    topology.attributionsIn.pipeInput(Topics.PR_ATTRIBUTION.key(attribution), attribution, at);
  }

  /** Pipes an incident link, keyed as the catalog keys it, at its incident's trigger time. */
  void pipe(IncidentLink link) {
    topology.incidentLinksIn.pipeInput(
        Topics.INCIDENT_LINKS.key(link), link, link.getIncidentTriggeredAt());
  }

  List<WasteFinding> findings() {
    return topology.findings.readValuesToList();
  }

  /**
   * The findings emitted once stream time has passed {@code last} (the latest event piped) plus the
   * grace.
   */
  List<WasteFinding> findingsAfterGrace(Instant last) {
    streamTimeTo(last.plus(GRACE).plusSeconds(1));
    return findings();
  }

  /**
   * The highest version of each finding in {@code findings}, in the order the findings were first
   * emitted.
   */
  static List<WasteFinding> latest(List<WasteFinding> findings) {
    Map<String, WasteFinding> byId = new LinkedHashMap<>();
    findings.forEach(
        f ->
            byId.merge(
                f.getFindingId(),
                f,
                (a, b) ->
                    Comparator.comparingLong(WasteFinding::getVersion).compare(a, b) >= 0 ? a : b));
    return List.copyOf(byId.values());
  }

  @Override
  public void close() {
    topology.close();
  }
}
