package io.tokenlens.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  private enum Colour {
    RED,
    GREEN
  }

  @Test
  void shouldReadEveryTypeWhenTheValuesAreValid() {
    ConfigReader reader =
        new ConfigReader(
            Map.of(
                "a.count",
                " 12 ",
                "a.big",
                "5000000000",
                "a.on",
                "TRUE",
                "a.wait.ms",
                "250",
                "a.ratio",
                "0.5",
                "a.name",
                " x ",
                "a.colour",
                "green"));

    assertThat(reader.intAtLeast("a.count", 1)).isEqualTo(12);
    assertThat(reader.longAtLeast("a.big", 0)).isEqualTo(5_000_000_000L);
    assertThat(reader.bool("a.on")).isTrue();
    assertThat(reader.millisAtLeast("a.wait.ms", 0)).isEqualTo(Duration.ofMillis(250));
    assertThat(reader.doubleBetween("a.ratio", 0, 1)).isEqualTo(0.5);
    assertThat(reader.required("a.name")).isEqualTo("x");
    assertThat(reader.choice("a.colour", Colour.class, Colour.RED)).isEqualTo(Colour.GREEN);
    assertThat(reader.errors()).isEmpty();
    reader.throwIfInvalid("test");
  }

  @Test
  void shouldNameTheKeyAndTheValueOfABadInteger() {
    ConfigReader reader = new ConfigReader(Map.of("sink.batch.max.rows", "lots"));

    reader.intAtLeast("sink.batch.max.rows", 1);

    assertThat(reader.errors())
        .containsExactly("sink.batch.max.rows must be an integer but is 'lots'");
  }

  @Test
  void shouldSayWhichBoundAnIntegerOutOfRangeMisses() {
    ConfigReader reader =
        new ConfigReader(Map.of("a.port", "70000", "a.rows", "0", "a.small", "3000000000"));

    reader.intBetween("a.port", 0, 65_535);
    reader.longAtLeast("a.rows", 1);
    reader.intAtLeast("a.small", 1);

    assertThat(reader.errors())
        .containsExactly(
            "a.port must be between 0 and 65535 but is 70000",
            "a.rows must be at least 1 but is 0",
            "a.small must be at most 2147483647 but is 3000000000");
  }

  @Test
  void shouldAcceptTheBoundsThemselves() {
    ConfigReader reader = new ConfigReader(Map.of("a.port", "65535", "a.rows", "1"));

    assertThat(reader.intBetween("a.port", 0, 65_535)).isEqualTo(65_535);
    assertThat(reader.longAtLeast("a.rows", 1)).isEqualTo(1);
    assertThat(reader.errors()).isEmpty();
  }

  @Test
  void shouldNameTheEnvironmentVariableOfAMissingRequiredKey() {
    ConfigReader reader = new ConfigReader(Map.of("kafka.bootstrap.servers", "  "));

    assertThat(reader.required("kafka.bootstrap.servers")).isNull();
    reader.required("schema.registry.url");

    assertThat(reader.errors())
        .containsExactly(
            "kafka.bootstrap.servers is required (environment variable TOKENLENS_KAFKA_BOOTSTRAP_SERVERS)",
            "schema.registry.url is required (environment variable TOKENLENS_SCHEMA_REGISTRY_URL)");
  }

  @Test
  void shouldRefuseABooleanSpelledWrong() {
    ConfigReader reader = new ConfigReader(Map.of("a.on", "yes", "a.off", "False"));

    assertThat(reader.bool("a.off")).isFalse();
    reader.bool("a.on");

    assertThat(reader.errors()).containsExactly("a.on must be true or false but is 'yes'");
  }

  @Test
  void shouldListTheValidChoices() {
    ConfigReader reader = new ConfigReader(Map.of("a.colour", "blue"));

    assertThat(reader.choice("a.colour", Colour.class, Colour.RED)).isEqualTo(Colour.RED);
    assertThat(reader.errors()).containsExactly("a.colour must be one of RED, GREEN but is 'blue'");
  }

  @Test
  void shouldRefuseNumbersThatAreNotNumbersOrOutOfRange() {
    ConfigReader reader =
        new ConfigReader(
            Map.of("a.ratio", "1.5", "a.usd", "lots", "a.z", "-2", "a.rate", "0", "a.ok", "0.5"));

    reader.doubleBetween("a.ratio", 0, 1);
    reader.doubleAtLeast("a.usd", 0);
    reader.doubleAtLeast("a.z", 0);
    reader.doubleAbove("a.rate", 0);
    assertThat(reader.doubleAbove("a.ok", 0)).isEqualTo(0.5);

    assertThat(reader.errors())
        .containsExactly(
            "a.ratio must be between 0.0 and 1.0 but is 1.5",
            "a.usd must be a number but is 'lots'",
            "a.z must be a finite number of at least 0.0 but is -2",
            "a.rate must be a finite number above 0.0 but is 0");
  }

  @Test
  void shouldReportEveryErrorInOneException() {
    ConfigReader reader = new ConfigReader(Map.of("a.count", "x", "a.on", "maybe"));
    reader.intAtLeast("a.count", 0);
    reader.bool("a.on");
    reader.error("a.count and a.on disagree");

    assertThatThrownBy(() -> reader.throwIfInvalid("test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid test configuration:\n  - a.count must be an integer but is 'x'\n"
                + "  - a.on must be true or false but is 'maybe'\n  - a.count and a.on disagree");
  }

  @Test
  void shouldNameBothKeysOfADurationShorterThanItsBound() {
    ConfigReader reader = new ConfigReader(Map.of());

    reader.requireAtLeast("a.max.ms", Duration.ofMillis(500), "a.min.ms", Duration.ofMillis(2000));
    reader.requireAtLeast("a.max.ms", Duration.ofMillis(2000), "a.min.ms", Duration.ofMillis(2000));

    assertThat(reader.errors()).containsExactly("a.max.ms (500) must be at least a.min.ms (2000)");
  }

  @Test
  void shouldGiveAFamilyOfKeysWithoutItsPrefix() {
    ConfigReader reader =
        new ConfigReader(Map.of("kafka.acks", "all", "kafka.", "x", "sink.group.id", "g"));

    assertThat(reader.withPrefix("kafka.")).containsExactly(Map.entry("acks", "all"));
  }
}
