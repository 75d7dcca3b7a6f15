package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sink process killed with SIGKILL while it narrows a rejected batch down to its rows at fault,
 * then restarted: no row lands twice although the search made many more inserts than the table
 * keeps dedup tokens for, and every row ClickHouse refuses is dead-lettered.
 */
@StackTest
class SinkRejectedBatchKillIT {

  private static final int ROWS = 12_000;
  private static final int POISON_EVERY =
      500; // rows ClickHouse refuses: input_tokens over the table's constraint

  @Test
  void shouldLandEveryRowOnceWhenKilledWhileNarrowingARejectedBatch(StackScope stack)
      throws Exception {
    try (SinkHarness h =
        new SinkHarness(stack, "narrow").createTopics(1, Topics.TOKEN_USAGE_ENRICHED)) {
      Map<String, String> config = h.config(Topics.TOKEN_USAGE_ENRICHED);
      config.put(
          SinkConfig.BATCH_MAX_ROWS,
          Integer.toString(ROWS)); // one batch: every row goes through the search
      config.put(SinkConfig.BATCH_MAX_WAIT_MS, "2000");
      h.migrate(config);
      try (Connection c = stack.openClickHouse();
          Statement s = c.createStatement()) {
        // a constraint the Avro records do not know: ClickHouse refuses the rows, the sink cannot
        // tell beforehand
        s.execute(
            "ALTER TABLE token_usage ADD CONSTRAINT modest_input CHECK input_tokens < 1000000");
        // a window far smaller than the search's inserts: only committing each half keeps replays
        // deduplicated
        s.execute(
            "ALTER TABLE token_usage MODIFY SETTING non_replicated_deduplication_window = 40");
      }
      List<TokenUsage> usages = new ArrayList<>();
      int poison = 0;
      for (TokenUsage u : SinkIT.usages("narrow", ROWS)) {
        boolean bad =
            Integer.parseInt(u.getEventId().substring("narrow-".length())) % POISON_EVERY == 7;
        poison += bad ? 1 : 0;
        usages.add(bad ? TokenUsage.newBuilder(u).setInputTokens(5_000_000L).build() : u);
      }
      h.produce(Topics.TOKEN_USAGE_ENRICHED, usages);
      long good = ROWS - poison;

      Process first = start(config, "first");
      try {
        Waits.until(
            "some halves of the rejected batch in ClickHouse",
            Waits.LONG,
            () -> {
              if (!first.isAlive()) {
                throw new IllegalStateException(
                    "the sink process exited with " + first.exitValue() + ": see " + log("first"));
              }
              return h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'narrow-%'");
            },
            n -> n >= 2_000);
      } finally {
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean close
      }
      long atKill = h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'narrow-%'");
      assertThat(atKill).as("killed in the middle of the search").isLessThan(good);

      Process second = start(config, "second");
      try {
        h.awaitNumber(
            "SELECT uniqExact(event_id) FROM token_usage WHERE event_id LIKE 'narrow-%'",
            good, Waits.LONG);
        assertThat(h.number("SELECT count() FROM token_usage WHERE event_id LIKE 'narrow-%'"))
            .isEqualTo(good);
        assertThat(h.number("SELECT countIf(input_tokens >= 1000000) FROM token_usage")).isZero();
        h.awaitDeadLetters(Topics.TOKEN_USAGE_ENRICHED, poison, Waits.LONG);
      } finally {
        second.destroyForcibly().waitFor();
      }
    }
  }

  private static Process start(Map<String, String> config, String name) throws IOException {
    return SinkProcess.start(SinkMain.class, config, "SinkRejectedBatchKillIT-" + name);
  }

  private static Path log(String name) {
    return SinkProcess.log("SinkRejectedBatchKillIT-" + name);
  }
}
