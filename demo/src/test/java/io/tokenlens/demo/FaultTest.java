package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.config.CommandLineException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {
  @Test
  void shouldKillTwoTargetsAtOnceWhenJoinedByPlus() {
    assertThat(Fault.parse("streams+sink").targets()).containsExactly("streams", "sink");
    assertThat(Fault.parse("streams+sink").label()).isEqualTo("streams+sink");
  }

  @Test
  void shouldTakeOneBrokerOfSeveralAsAStackComponent() {
    assertThat(Fault.parse("kafka-2+streams").targets()).containsExactly("kafka-2", "streams");
    assertThat(Fault.isStackComponent("kafka-2")).isTrue();
    assertThat(Fault.isStackComponent("streams")).isFalse();
    assertThatThrownBy(() -> Fault.parse("kafka-9")).hasMessageContaining("kafka-N");
  }

  @Test
  void shouldNameTheControlPhaseNone() {
    assertThat(Fault.NONE.label()).isEqualTo("none");
  }

  @Test
  void shouldRefuseAnUnknownOrRepeatedTarget() {
    assertThatThrownBy(() -> Fault.parse("zookeeper"))
        .hasMessageContaining("unknown fault target 'zookeeper'");
    assertThatThrownBy(() -> Fault.parse("sink+sink")).hasMessageContaining("repeated");
  }

  @Test
  void shouldDefaultToEveryProcessThenADoubleKill() {
    ChaosOptions options = ChaosOptions.parse(new String[0]);

    assertThat(options.faults())
        .extracting(Fault::label)
        .containsExactly(
            "ingest", "streams", "sink", "clickhouse", "schema-registry", "kafka", "streams+sink");
    assertThat(options.eventsPerSecond()).isEqualTo(300);
  }

  @Test
  void shouldReportEveryBadOptionAtOnce() {
    assertThatThrownBy(
            () ->
                ChaosOptions.parse(
                    new String[] {"--faults", "ingest,broker", "--events-per-second", "0"}))
        .isInstanceOf(CommandLineException.class)
        .satisfies(
            e ->
                assertThat(((CommandLineException) e).problems())
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("broker"))
                    .anySatisfy(p -> assertThat(p).contains("events-per-second")));
  }

  @Test
  void shouldKeepTheFaultsInTheGivenOrder() {
    assertThat(ChaosOptions.parse(new String[] {"--faults", "kafka,ingest"}).faults())
        .isEqualTo(List.of(Fault.parse("kafka"), Fault.parse("ingest")));
  }
}
