package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos run on a private stack: traffic through the collectors while the ingest, streams
 * and sink processes, the ClickHouse endpoint, and streams and sink together are killed with
 * SIGKILL and restarted; every event and webhook delivery the collectors accepted is in ClickHouse
 * exactly once, and every fault phase's scripted waste raised the same findings (same patterns,
 * versions, tokens, cost and evidence) and the same PR attribution as the clean phase's.
 */
class ChaosIT {
  @TempDir Path dataDir;
  private PrivateStack stack;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void stopEverything() throws IOException {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void shouldLandEveryEventOnceAndDeriveTheCleanFindingsThroughKilledProcesses() throws Exception {
    stack = PrivateStack.in(dataDir);
    ChaosOptions options =
        ChaosOptions.parse(
            new String[] {
              "--events-per-second", "100",
              "--webhooks-per-second", "2",
              "--faults", "streams,sink,ingest,clickhouse,streams+sink",
              "--lead-seconds", "3",
              "--down-seconds", "2",
              "--tail-seconds", "2",
              "--max-wait-seconds", "300"
            });

    ChaosRun.Result result =
        new ChaosRun(
                stack.stack(),
                stack.ports(),
                options,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.systemUTC())
            .run();

    String output = out.toString(StandardCharsets.UTF_8);
    System.out.print(output); // the ledger table and the rollup line in the test's report
    assertThat(result.table().rows())
        .as(output)
        .extracting(r -> r.fault().label())
        .containsExactly("none", "streams", "sink", "ingest", "clickhouse", "streams+sink");
    assertThat(result.table().rows())
        .as(output)
        .allSatisfy(
            r -> {
              assertThat(r.events().accepted()).as("events accepted in %s", r.fault()).isPositive();
              assertThat(r.events().missing()).as("events missing in %s", r.fault()).isZero();
              assertThat(r.events().duplicates()).as("duplicates in %s", r.fault()).isZero();
              assertThat(r.deliveries().missing())
                  .as("deliveries missing in %s", r.fault())
                  .isZero();
              assertThat(r.deliveries().duplicates())
                  .as("delivery duplicates in %s", r.fault())
                  .isZero();
              assertThat(r.unavailableWithoutRetryAfter()).as("503 without Retry-After").isZero();
            });
    assertThat(result.table().rows().stream().mapToLong(r -> r.deliveries().accepted()).sum())
        .isPositive();
    assertThat(result.rollups().minutes()).as(output).isPositive();
    assertThat(result.rollups().differing()).as(output).isZero();
    assertThat(result.findings().cleanFindings())
        .as(output)
        .isEqualTo(FindingsCheck.EXPECTED.size());
    assertThat(result.findings().phases())
        .as(output)
        .extracting(p -> p.fault().label())
        .containsExactly("streams", "sink", "ingest", "clickhouse", "streams+sink");
    assertThat(result.findings().phases())
        .as(output)
        .allSatisfy(
            p -> {
              assertThat(p.findings()).as("findings compared in %s", p.fault()).isPositive();
              assertThat(p.findingsDiffering()).as("findings differing in %s", p.fault()).isZero();
              assertThat(p.attributions())
                  .as("attribution rows compared in %s", p.fault())
                  .isPositive();
              assertThat(p.attributionsDiffering())
                  .as("attribution rows differing in %s", p.fault())
                  .isZero();
            });
    assertThat(result.drained()).as(output).isTrue();
    assertThat(result.settled()).as(output).isTrue();
    assertThat(output)
        .contains("passed: every accepted event and delivery landed exactly once")
        .contains("findings and PR attribution equal the clean phase's");
  }
}
