package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.config.CommandLineException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void shouldSimulateAFewHundredEngineersOverTwoDaysByDefault() throws Exception {
    DemoOptions o = DemoOptions.parse(new String[0]);

    assertThat(String.join(" ", o.simulateArgs()))
        .isEqualTo("--engineers 300 --days 2 --waste-rate 0.2 --teams 8");
    assertThat(o.endGiven()).isFalse();
    assertThat(o.quiet()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.settle())
        .as("the quality gate's 3 min replay settle, the longest, and two punctuation intervals")
        .isEqualTo(Duration.ofSeconds(200));
    assertThat(o.maxWait()).isEqualTo(Duration.ofSeconds(900));
  }

  @Test
  void shouldPassSimulateOptionsOnAfterTheDefaultsSoTheyWin() throws Exception {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {
              "--engineers",
              "5",
              "--seed",
              "7",
              "--end",
              "2026-12-01T12:00:00Z",
              "--quiet-seconds",
              "3",
              "--settle-seconds",
              "0",
              "--max-wait-seconds",
              "60"
            });

    assertThat(o.simulateArgs())
        .endsWith(
            "--engineers", "5", "--seed", "7", "--end", "2026-12-01T12:00:00Z", "--teams", "5");
    assertThat(o.endGiven()).isTrue();
    assertThat(o.quiet()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.settle()).isZero();
    assertThat(o.maxWait()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldKeepTheTeamsTheUserChose() throws Exception {
    DemoOptions o = DemoOptions.parse(new String[] {"--teams", "3"});

    assertThat(o.simulateArgs()).endsWith("--teams", "3").containsOnlyOnce("--teams");
  }

  @Test
  void shouldRefuseTheOptionsTheDemoSetsItselfAndBadValuesAllAtOnce() {
    assertThatThrownBy(
            () ->
                DemoOptions.parse(
                    new String[] {
                      "--api-key",
                      "k",
                      "--ingest-url",
                      "http://x",
                      "--quiet-seconds",
                      "0",
                      "--settle-seconds",
                      "-1",
                      "--engineers",
                      "many",
                      "--bogus"
                    }))
        .isInstanceOfSatisfying(
            CommandLineException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("--api-key: the demo runs its own ingest service"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("--ingest-url: the demo runs its own ingest service"))
                    .anySatisfy(
                        p -> assertThat(p).isEqualTo("--quiet-seconds must be at least 1 but is 0"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .isEqualTo("--settle-seconds must be at least 0 but is -1"))
                    .anySatisfy(
                        p ->
                            assertThat(p).isEqualTo("--engineers must be an integer but is 'many'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("unknown option '--bogus'; known: --quiet-seconds")));
  }
}
