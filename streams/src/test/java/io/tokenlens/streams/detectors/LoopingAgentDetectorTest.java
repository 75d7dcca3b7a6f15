package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.detectors.DetectorHarness.SESSION;
import static io.tokenlens.streams.detectors.DetectorHarness.T0;
import static io.tokenlens.streams.detectors.DetectorHarness.latest;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.topology.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopingAgentDetectorTest extends DetectorTestBase {

  /** The detectors' default grace. */
  private static final Duration GRACE = Duration.ofMinutes(1);

  /** The loop's request: 1,500 uncached input tokens over 20,000 from the cache, 400 out. */
  private void request(Instant at) {
    request(at, 1_500, 400);
  }

  /** With the fingerprint the collectors give it: its exact size. */
  private void request(Instant at, long uncachedInput, long output) {
    harness.pipe(
        TokenUsages.aRequest()
            .session(SESSION)
            .tokens(uncachedInput, 20_000, 0, output)
            .fingerprint("size:" + uncachedInput + ":" + output)
            .at(at));
  }

  /**
   * The findings once stream time has passed the end of the minute of {@code last} (the latest
   * event piped) plus the grace: a conversation's requests are decided a minute at a time.
   */
  private List<WasteFinding> findingsAfterGrace(Instant last) {
    harness.streamTimeTo(decidedBy(last));
    return harness.findings();
  }

  /** When a request at {@code at} has been decided on by: the end of its minute, plus the grace. */
  private static Instant decidedBy(Instant at) {
    return at.truncatedTo(ChronoUnit.MINUTES)
        .plus(Duration.ofMinutes(1))
        .plus(GRACE)
        .plusSeconds(1);
  }

  private void repeats(int count, Instant from, long everySeconds) {
    for (int i = 0; i < count; i++) {
      request(from.plusSeconds(i * everySeconds));
    }
  }

  @Test
  void shouldFlagLoopAfterSixIdenticalRequestsWithinTenMinutes() {
    repeats(6, T0, 10); // within the grace of the first: none is due yet

    assertThat(harness.findings()).as("decided only once the grace has passed").isEmpty();
    List<WasteFinding> findings = findingsAfterGrace(T0.plusSeconds(50));
    assertThat(findings).hasSize(1);
    WasteFinding f = findings.get(0);
    assertThat(f.getPattern()).isEqualTo(WastePattern.LOOPING_AGENT);
    assertThat(f.getFindingId()).isEqualTo("LOOPING_AGENT:s-1:-@" + T0.toEpochMilli());
    assertThat(f.getEngineerId()).isEqualTo(Fixtures.ENGINEER);
    assertThat(f.getTeam()).isEqualTo(Fixtures.TEAM);
    assertThat(f.getSessionId()).isEqualTo(SESSION);
    assertThat(f.getWindowStart()).isEqualTo(T0);
    assertThat(f.getWindowEnd()).isEqualTo(T0.plusSeconds(50));
    assertThat(f.getEvidence()).containsEntry("repeats", 6.0);
    assertThat(f.getVersion()).isEqualTo(1);
    assertThat(f.getEstimatedWastedCostUsd()).isPositive();
    assertThat(f.getEstimatedWastedCostUsd()).isLessThan(f.getEvidence().get("totalCostUsd"));
  }

  @Test
  void shouldFlagALoopWhoseRequestsArriveHoursBehindAnotherSessions() {
    // another session's usage, from another enrichment task, ran three hours ahead in event time
    harness.pipe(
        TokenUsages.aRequest()
            .session("s-ahead")
            .fingerprint("size:ahead")
            .at(T0.plus(Duration.ofHours(3))));
    repeats(6, T0, 60);

    assertThat(findingsAfterGrace(T0.plus(Duration.ofHours(3)))).hasSize(1);
  }

  @Test
  void shouldFlagALoopWhoseRequestsAreNotKeyedBySession() {
    // a producer that keys by user: the requests are re-keyed to their session before the detector
    for (int i = 0; i < 6; i++) {
      TokenUsage event =
          TokenUsages.aRequest()
              .session(SESSION)
              .fingerprint("size:abc")
              .at(T0.plusSeconds(i * 10L))
              .build();
      harness.topology.usage.pipeInput("user-7", event, event.getOccurredAt());
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(50)))
        .singleElement()
        .satisfies(f -> assertThat(f.getSessionId()).isEqualTo(SESSION));
  }

  @Test
  void shouldStaySilentAtFiveRepeats() {
    repeats(5, T0, 60);
    request(T0.plusSeconds(330), 1_500, 3_000);

    assertThat(findingsAfterGrace(T0.plusSeconds(330))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenSixRepeatsSpanMoreThanTenMinutes() {
    repeats(6, T0, 121); // 605 s from first to last

    assertThat(findingsAfterGrace(T0.plusSeconds(605))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenAUserPromptComesBetweenTheRepeats() {
    repeats(3, T0, 30);
    harness.prompt(SESSION, T0.plusSeconds(75));
    repeats(3, T0.plusSeconds(90), 30);

    assertThat(findingsAfterGrace(T0.plusSeconds(150))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenThePromptBetweenTheRepeatsArrivesLateWithinGrace() {
    repeats(3, T0, 30);
    repeats(2, T0.plusSeconds(90), 30);
    harness.prompt(
        SESSION, T0.plusSeconds(75)); // processed after the requests it separates, 45 s behind
    request(T0.plusSeconds(150));

    assertThat(findingsAfterGrace(T0.plusSeconds(150))).isEmpty();
  }

  @Test
  void shouldFlagWhenThePromptArrivesAfterTheGrace() {
    repeats(3, T0, 30);
    repeats(3, T0.plusSeconds(90), 30);
    harness.streamTimeTo(decidedBy(T0.plusSeconds(150)));
    harness.prompt(SESSION, T0.plusSeconds(75)); // too late: the run was decided

    assertThat(harness.findings()).hasSize(1);
  }

  @Test
  void shouldDecideOnTheWallClockWhenStreamTimeStalls() {
    repeats(6, T0, 10); // within the minute of the first: none is due by stream time
    assertThat(harness.findings()).isEmpty();

    // due on the wall clock a grace after the minute's end would have come
    harness.topology.advanceWallClockTo(TopologyHarness.START.plus(GRACE).plusSeconds(62));

    assertThat(harness.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.getWindowStart()).isEqualTo(T0));
  }

  @Test
  void shouldFlagOneLoopOnceHoweverLongItRunsAndANewOneAfterAPrompt() {
    repeats(40, T0, 60); // 40 minutes of the same request every minute

    assertThat(latest(findingsAfterGrace(T0.plusSeconds(39 * 60))))
        .singleElement()
        .satisfies(f -> assertThat(f.getEvidence()).containsEntry("repeats", 40.0));

    harness.prompt(SESSION, T0.plusSeconds(40 * 60));
    repeats(6, T0.plusSeconds(40 * 60 + 10), 60);

    List<WasteFinding> second = latest(findingsAfterGrace(T0.plusSeconds(45 * 60 + 10)));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).getWindowStart()).isEqualTo(T0.plusSeconds(40 * 60 + 10));
  }

  @Test
  void shouldFlagOnceWhenRepeatsArriveOutOfOrderWithinGrace() {
    int[] order = {3, 0, 5, 1, 4, 2, 7, 6};
    for (int i : order) {
      request(T0.plusSeconds(i * 45L));
    }

    List<WasteFinding> findings = latest(findingsAfterGrace(T0.plusSeconds(7 * 45L)));
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).getWindowStart()).isEqualTo(T0);
  }

  /** A request, then the tool call it led to two seconds later. */
  private void requestAndToolCall(Instant at, String tool, String argumentsHash) {
    request(at);
    harness.topology.pipe(
        AgentActivities.aToolResult()
            .session(SESSION)
            .toolName(tool)
            .toolArgumentsHash(argumentsHash)
            .at(at.plusSeconds(2))
            .build());
  }

  @Test
  void shouldFlagIdenticalRequestsThatRunTheSameToolCall() {
    for (int i = 0; i < 6; i++) {
      requestAndToolCall(T0.plusSeconds(30L * i), "Bash", "args-1");
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(152)))
        .singleElement()
        .satisfies(f -> assertThat(f.getEvidence()).containsEntry("repeats", 6.0));
  }

  @Test
  void shouldStaySilentWhenIdenticalRequestsRunDifferentToolCalls() {
    String[] tools = {"Bash", "Read", "Grep", "Edit", "Write"};
    for (int i = 0; i < 7; i++) {
      requestAndToolCall(T0.plusSeconds(30L * i), tools[i % tools.length], "args-" + i);
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(182))).isEmpty();
  }

  @Test
  void shouldFlagALoopWhoseResponsesJitter() {
    long[] output = {400, 412, 391, 405, 418, 396, 409, 388, 402};
    for (int i = 0; i < output.length; i++) {
      Instant at = T0.plusSeconds(20L * i);
      request(
          at,
          1_500 + (i * 7) % 11,
          output[i]); // a handful of uncached tokens more or less each time
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Bash")
              .toolArgumentsHash("npm-test")
              .at(at.plusSeconds(2))
              .build());
    }

    assertThat(latest(findingsAfterGrace(T0.plusSeconds(162))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getFindingId())
                  .isEqualTo("LOOPING_AGENT:s-1:Bash:npm-test@" + T0.toEpochMilli());
              assertThat(f.getEvidence())
                  .containsEntry("repeats", 9.0)
                  .containsEntry("toolDetails", 1.0);
            });
  }

  @Test
  void shouldReportOneLoopWhenItsRequestsMatchDifferentPartsOfIt() {
    // the fifth repeat's output is within the tolerance of the middle repeats only, the first and
    // last of all but it
    long[] output = {2_000, 2_150, 2_150, 2_150, 2_250, 2_150, 2_150, 2_150, 2_000};
    for (int i = 0; i < output.length; i++) { // one minute: decided together, every repeat known
      Instant at = T0.plusSeconds(5L * i);
      request(at, 1_500, output[i]);
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Read")
              .toolArgumentsHash("same-file")
              .at(at.plusSeconds(2))
              .build());
    }

    List<WasteFinding> findings = findingsAfterGrace(T0.plusSeconds(42));
    assertThat(findings).extracting(WasteFinding::getVersion).isSorted().doesNotHaveDuplicates();
    assertThat(latest(findings))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getWindowStart()).isEqualTo(T0);
              assertThat(f.getEvidence()).containsEntry("repeats", 9.0);
            });
  }

  @Test
  void shouldStaySilentForAnAgentReadingDifferentFilesWithSimilarRequests() {
    for (int i = 0; i < 9; i++) {
      Instant at = T0.plusSeconds(20L * i);
      request(at, 1_500 + i, 400 + i * 3);
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Read")
              .toolArgumentsHash("file-" + i)
              .at(at.plusSeconds(2))
              .build());
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(162))).isEmpty();
  }

  @Test
  void shouldStaySilentWhenSimilarRequestsDifferByMoreThanTheTolerance() {
    for (int i = 0; i < 8; i++) {
      request(T0.plusSeconds(20L * i), 1_500, 400 + 150L * i);
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(140))).isEmpty();
  }

  @Test
  void shouldTellCallsApartByResultSizeWithoutToolDetails() {
    for (int i = 0; i < 6; i++) {
      Instant at = T0.plusSeconds(20L * i);
      request(at);
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Bash")
              .toolArgumentsHash(null)
              .with(b -> b.setToolResultSizeBytes(4_096L))
              .at(at.plusSeconds(2))
              .build());
    }
    for (int i = 0; i < 6; i++) {
      Instant at = T0.plusSeconds(3_600 + 20L * i);
      long size = 1_000L + 517L * i; // another file each time
      request(at);
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Read")
              .toolArgumentsHash(null)
              .with(b -> b.setToolResultSizeBytes(size))
              .at(at.plusSeconds(2))
              .build());
    }

    assertThat(latest(findingsAfterGrace(T0.plusSeconds(3_700))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getFindingId())
                  .isEqualTo("LOOPING_AGENT:s-1:Bash:~4096@" + T0.toEpochMilli());
              assertThat(f.getEvidence()).containsEntry("toolDetails", 0.0);
            });
  }

  @Test
  void shouldWaitItsSettleTimeForToolResultsReadAfterStreamTimePassedTheGrace() {
    harness.close();
    harness = new DetectorHarness(stateDir, Map.of(DetectorConfig.SESSION_SETTLE_MS, "15000"));
    for (int i = 0; i < 6; i++) {
      request(T0.plusSeconds(20L * i));
    }
    harness.streamTimeTo(
        decidedBy(T0.plusSeconds(100))); // the requests' input ran ahead of the tool results
    assertThat(harness.findings()).isEmpty(); // due on stream time, not settled on the wall clock

    for (int i = 0;
        i < 6;
        i++) { // the tool results, read late: each repeat ran the same Bash command
      harness.topology.pipe(
          AgentActivities.aToolResult()
              .session(SESSION)
              .toolName("Bash")
              .toolArgumentsHash(null)
              .with(b -> b.setToolResultSizeBytes(4_096L))
              .at(T0.plusSeconds(20L * i + 2))
              .build());
    }
    // a conversation-minute is scheduled at its first request, as of the end of its minute (a
    // minute after T0
    // here): settled 15 s after that, well before the grace would decide it on the wall clock
    harness.topology.advanceWallClockBy(Duration.ofSeconds(80));

    assertThat(latest(harness.findings()))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.getFindingId())
                    .isEqualTo("LOOPING_AGENT:s-1:Bash:~4096@" + T0.toEpochMilli()));
  }

  @Test
  void shouldNotCountRequestsOfDifferentPromptsAsOneLoop() {
    for (int i = 0; i < 8; i++) { // each prompt's event was lost, but its id is on the requests
      harness.pipe(
          TokenUsages.aRequest()
              .session(SESSION)
              .prompt("p-" + i)
              .tokens(1_500, 20_000, 0, 400)
              .at(T0.plusSeconds(20L * i)));
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(140))).isEmpty();
  }

  @Test
  void shouldKeepSessionsAndShapesApart() {
    for (int i = 0; i < 6; i++) {
      harness.pipe(
          TokenUsages.aRequest()
              .session("s-" + (i % 2))
              .fingerprint("size:abc")
              .at(T0.plusSeconds(i)));
      request(T0.plusSeconds(i), 1_500, 1_000L * (i + 1));
    }

    assertThat(findingsAfterGrace(T0.plusSeconds(6))).isEmpty();
  }
}
