package io.tokenlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.config.IngestConfig;
import io.tokenlens.ingest.spool.WebhookSpool;
import io.tokenlens.ingest.webhooks.GitHubPayloads;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook delivery the real producer refuses for good, its dead letter included, ends in the
 * spool's dead-letter directory and does not hold up the deliveries behind it.
 */
@StackTest
class SpoolDeadLetterIT {

  @Test
  void shouldKeepADeliveryKafkaRefusesForGoodAsideAndForwardTheDeliveriesBehindIt(
      StackScope stack, @TempDir Path spool) throws Exception {
    String topic = stack.createTopics(1, "pr-events", "pr-events-dlq").get(0);
    Map<String, String> values = WebhookSpoolIT.settings(stack, spool);
    values.put("kafka.bootstrap.servers", stack.bootstrapServers());
    // the producer refuses a record over 8 KiB, and the dead letter carrying it as well
    values.put("kafka.max.request.size", "8192");
    values.put("ingest.spool.max.refusals", "2");
    String tooLarge =
        GitHubPayloads.pullRequest("opened", false, "open")
            .replace("Add cart persistence", "x".repeat(20_000));
    try (IngestServer server = IngestServer.start(IngestConfig.fromMap(values))) {
      assertThat(WebhookSpoolIT.deliver(server.port(), "delivery-big", tooLarge).statusCode())
          .isEqualTo(202);
      assertThat(
              WebhookSpoolIT.deliver(
                      server.port(),
                      "delivery-small",
                      GitHubPayloads.pullRequest("opened", false, "open"))
                  .statusCode())
          .isEqualTo(202);

      assertThat(WebhookSpoolIT.prEvents(stack, topic, 1))
          .extracting(PullRequestEvent::getEventId)
          .containsExactly("github:delivery-small");
      Path deadLetters = spool.resolve(WebhookSpool.DEAD_LETTER_DIR);
      List<String> kept;
      try (var files = Files.list(deadLetters)) {
        kept = files.map(f -> f.getFileName().toString()).sorted().toList();
      }
      assertThat(kept).hasSize(2).allMatch(n -> n.startsWith("0-"));
      assertThat(Files.readString(deadLetters.resolve(kept.get(1))))
          .contains("RecordTooLargeException")
          .contains("max.request.size");
      assertThat(server.metrics().render())
          .contains(
              "tokenlens_ingest_rejected_total{endpoint=\"webhook-spool\",reason=\"kept_in_dead_letter_dir\"} 1");
    }
  }
}
