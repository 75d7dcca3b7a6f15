package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsCheckTest {
  private static final Fault STREAMS = Fault.parse("streams");
  private static final Fault SINK = Fault.parse("sink");
  private static final String LOOP = "v1 tokens 11200 cost 0.123456 repeats=8.0";
  private static final String ABANDONED = "v1 tokens 60000 cost 0.200000 requests=5.0";
  private static final String ATTRIBUTION = "CLOSED finalized requests 5 cost 0.200000";

  private static FindingsCheck.Outcome outcome(String loop, String attribution) {
    return new FindingsCheck.Outcome(
        loop == null
            ? Map.of("ABANDONED_SPEND pr", ABANDONED)
            : Map.of("LOOPING_AGENT loop", loop, "ABANDONED_SPEND pr", ABANDONED),
        Map.of("pr_attribution pr", attribution));
  }

  @Test
  void shouldAgreeWhenEveryPhaseDerivedWhatTheCleanPhaseDid() {
    FindingsCheck.Result result =
        FindingsCheck.compare(
            List.of(Fault.NONE, STREAMS),
            Map.of(Fault.NONE, outcome(LOOP, ATTRIBUTION), STREAMS, outcome(LOOP, ATTRIBUTION)));

    assertThat(result.agrees()).isTrue();
    assertThat(result.cleanFindings()).isEqualTo(2);
    assertThat(result.phases()).containsExactly(new FindingsCheck.Phase(STREAMS, 2, 0, 1, 0));
  }

  @Test
  void shouldCountAnotherVersionAMissingFindingAndOtherCostAsDifferences() {
    FindingsCheck.Result result =
        FindingsCheck.compare(
            List.of(Fault.NONE, STREAMS, SINK),
            Map.of(
                Fault.NONE,
                outcome(LOOP, ATTRIBUTION),
                STREAMS,
                outcome(LOOP.replace("v1", "v3"), ATTRIBUTION),
                SINK,
                outcome(null, ATTRIBUTION.replace("0.2", "0.1"))));

    assertThat(result.agrees()).isFalse();
    assertThat(result.phases())
        .containsExactly(
            new FindingsCheck.Phase(STREAMS, 2, 1, 1, 0),
            new FindingsCheck.Phase(SINK, 2, 1, 1, 1));
    assertThat(result.render())
        .contains("differs: streams LOOPING_AGENT loop: clean " + LOOP + ", here v3")
        .contains("differs: sink LOOPING_AGENT loop: clean " + LOOP + ", here none");
  }

  @Test
  void shouldNotAgreeWhenTheCleanPhaseRaisedNothingToCompare() {
    FindingsCheck.Outcome nothing = new FindingsCheck.Outcome(Map.of(), Map.of());

    FindingsCheck.Result result =
        FindingsCheck.compare(
            List.of(Fault.NONE, STREAMS), Map.of(Fault.NONE, nothing, STREAMS, nothing));

    assertThat(result.agrees()).isFalse();
    assertThat(result.phases()).containsExactly(new FindingsCheck.Phase(STREAMS, 0, 0, 0, 0));
  }
}
