package io.tokenlens.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCommandLineTest {

  private static final ServiceCommandLine SINK =
      ServiceCommandLine.of("./tokenlens sink", "TOKENLENS_SINK_CONFIG");

  @Test
  void theFileArgumentStandsForTheConfigVariable() {
    Map<String, String> env =
        SINK.environment(
            new String[] {"prod.properties"},
            Map.of("TOKENLENS_SINK_CONFIG", "other.properties", "TOKENLENS_X", "1"));

    assertThat(env)
        .containsEntry("TOKENLENS_SINK_CONFIG", "prod.properties")
        .containsEntry("TOKENLENS_X", "1");
  }

  @Test
  void withoutAFileTheEnvironmentIsKept() {
    assertThat(SINK.environment(new String[0], Map.of("TOKENLENS_SINK_CONFIG", "a.properties")))
        .containsExactly(Map.entry("TOKENLENS_SINK_CONFIG", "a.properties"));
  }

  @Test
  void refusesOptionsAndASecondFile() {
    assertThatThrownBy(
            () -> SINK.environment(new String[] {"a.properties", "b.properties", "--x"}, Map.of()))
        .isInstanceOfSatisfying(
            CommandLineException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "unknown option '--x'; known: --help",
                        "one properties file at most, not [a.properties, b.properties]"))
        .hasMessageContaining("usage: ./tokenlens sink [FILE]");
  }
}
