package io.tokenlens.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final CommandLine LOAD =
      CommandLine.command("load [options] FILE...")
          .option("rows", "N", "rows per batch", "100")
          .option("sizes", "N,N...", "sizes, one run each", "1,2")
          .option("out", "FILE", "where the result goes")
          .option("end", "ISO-8601", "end of time")
          .repeatable("email", "EMAIL", "an address; may repeat")
          .flag("dry-run", "validate only")
          .positionals("FILE", "the files to load")
          .footer("environment: TOKENLENS_LOAD_URL");

  @Test
  void givenValuesReplaceDefaultsInEitherSpelling() {
    Arguments args = LOAD.parse("--rows=250", "--out", "r.json", "--sizes", "3,4");

    assertThat(args.intBetween("rows", 1, 1_000)).isEqualTo(250);
    assertThat(args.intsBetween("sizes", 1, 10)).containsExactly(3, 4);
    assertThat(args.path("out")).isEqualTo(Path.of("r.json"));
    assertThat(args.given("rows")).isTrue();
    assertThat(args.errors()).isEmpty();
  }

  @Test
  void optionsNotGivenReadTheirDefaultOrNothing() {
    Arguments args = LOAD.parse();

    assertThat(args.intBetween("rows", 1, 1_000)).isEqualTo(100);
    assertThat(args.given("rows")).isFalse();
    assertThat(args.optionalPath("out")).isEmpty();
    assertThat(args.flag("dry-run")).isFalse();
    assertThat(args.all("email")).isEmpty();
    assertThat(args.help()).isFalse();
  }

  @Test
  void theLastValueOfAnOptionWinsAndARepeatableOneKeepsEvery() {
    Arguments args =
        LOAD.parse("--rows", "5", "--email", "a@x", "--rows", "6", "--email=b@x", "--dry-run");

    assertThat(args.intAtLeast("rows", 1)).isEqualTo(6);
    assertThat(args.all("email")).containsExactly("a@x", "b@x");
    assertThat(args.flag("dry-run")).isTrue();
  }

  @Test
  void argumentsThatAreNotOptionsArePositionalsInOrder() {
    Arguments args = LOAD.parse("a.csv", "--dry-run", "b.csv");

    assertThat(args.positionals()).containsExactly("a.csv", "b.csv");
  }

  @Test
  void readsInstantsDurationsAndNumbers() {
    CommandLine cli =
        CommandLine.command("x")
            .option("end", "T", "end")
            .option("wait", "S", "seconds", "30")
            .option("idle", "MS", "millis", "10000")
            .option("seed", "S", "seed", "-7")
            .option("share", "R", "a share", "0.25");

    Arguments args = cli.parse("--end", "2026-12-01T12:00:00Z");

    assertThat(args.instant("end")).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(args.secondsAtLeast("wait", 1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(args.millisAtLeast("idle", 0)).isEqualTo(Duration.ofMillis(10_000));
    assertThat(args.longValue("seed")).isEqualTo(-7);
    assertThat(args.doubleBetween("share", 0, 1)).isEqualTo(0.25);
    assertThat(args.errors()).isEmpty();
  }

  @Test
  void anUnknownOptionIsNamedWithTheKnownOnes() {
    Arguments args = LOAD.parse("--bogus", "1");

    assertThat(args.errors())
        .containsExactly(
            "unknown option '--bogus'; known: --rows, --sizes, --out, --end, --email,"
                + " --dry-run, --help");
  }

  @Test
  void collectsEveryProblemWithTheOptionAndTheValue() {
    CommandLine noPositionals = CommandLine.command("x").option("rows", "N", "rows", "1");
    assertThat(noPositionals.parse("extra").errors())
        .containsExactly("unexpected argument 'extra'");

    Arguments args =
        LOAD.parse("--rows", "0", "--sizes", "3,x", "--end", "noon", "--dry-run=yes", "--out");
    args.intBetween("rows", 1, 1_000);
    args.intsBetween("sizes", 1, 10);
    args.instant("end");
    args.path("out");
    args.error("rows and sizes disagree");

    assertThat(args.errors())
        .containsExactly(
            "--dry-run takes no value",
            "--out needs a value",
            "--rows must be between 1 and 1000 but is 0",
            "--sizes must be an integer but is 'x'",
            "--end must be an ISO-8601 instant like 2026-12-01T12:00:00Z but is 'noon'",
            "--out needs a value",
            "rows and sizes disagree");
  }

  @Test
  void throwIfInvalidListsTheProblemsThenTheUsage() {
    Arguments args = LOAD.parse("--rows", "many");
    args.intAtLeast("rows", 1);

    assertThatThrownBy(args::throwIfInvalid)
        .isInstanceOfSatisfying(
            CommandLineException.class,
            e ->
                assertThat(e.problems()).containsExactly("--rows must be an integer but is 'many'"))
        .hasMessageStartingWith("Invalid options:\n  - --rows must be an integer but is 'many'\n")
        .hasMessageEndingWith("environment: TOKENLENS_LOAD_URL");
  }

  @Test
  void helpAnywhereAsksForTheUsageOfEveryOptionWithItsDefault() {
    Arguments args = LOAD.parse("--rows", "5", "-h");

    assertThat(args.help()).isTrue();
    assertThat(args.usage())
        .isEqualTo(
            """
            usage: load [options] FILE...
              --rows N        rows per batch (default 100)
              --sizes N,N...  sizes, one run each (default 1,2)
              --out FILE      where the result goes
              --end ISO-8601  end of time
              --email EMAIL   an address; may repeat
              --dry-run       validate only
              FILE            the files to load
            environment: TOKENLENS_LOAD_URL
            """);
  }

  @Test
  void passesTheOptionsOfAnotherCommandOnAsGiven() {
    CommandLine simulate =
        CommandLine.command("simulate")
            .option("engineers", "N", "engineers", "50")
            .option("api-key", "KEY", "key")
            .flag("no-look-alikes", "fewer");
    CommandLine evaluate =
        CommandLine.command("evaluate")
            .option("scores", "FILE", "scores", "scores.json")
            .passingOn(simulate, Set.of("api-key"));

    Arguments args =
        evaluate.parse("--engineers", "5", "--scores", "s.json", "--no-look-alikes", "--api-key");

    assertThat(args.passedOn()).containsExactly("--engineers", "5", "--no-look-alikes");
    assertThat(args.path("scores")).isEqualTo(Path.of("s.json"));
    assertThat(args.errors())
        .containsExactly(
            "unknown option '--api-key'; known: --scores, --engineers, --no-look-alikes, --help");
  }

  @Test
  void readingAnOptionThatIsNotDeclaredIsAProgrammingError() {
    assertThatThrownBy(() -> LOAD.parse().string("rwos"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--rwos is not an option of load [options] FILE...");
  }
}
