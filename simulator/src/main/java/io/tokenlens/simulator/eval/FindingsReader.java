package io.tokenlens.simulator.eval;

import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code waste-findings} (read_committed, from the beginning) until the streams job has
 * caught up with its inputs ({@link JobLag}) and no new record has arrived for the quiet period, or
 * the bounded wait is over, keeping the highest version of each finding id. A quiet period alone is
 * not enough on a loaded machine: the job may be minutes behind, or rebalancing, while nothing
 * arrives.
 */
public final class FindingsReader {
  private static final Logger log = LoggerFactory.getLogger(FindingsReader.class);

  private final EvaluationStack stack;
  private final StreamsAppConfig config;

  public FindingsReader(EvaluationStack stack, StreamsAppConfig config) {
    this.stack = stack;
    this.config = config;
  }

  /**
   * The findings once the job caught up and they stopped arriving for {@code quiet}, or {@code
   * maxWait} in all.
   */
  public List<Finding> readUntilQuiet(Duration quiet, Duration maxWait)
      throws InterruptedException {
    Map<String, WasteFinding> latest = new HashMap<>();
    String name = config.topicSettings().name(Topics.WASTE_FINDINGS);
    try (Admin admin = Admin.create(InProcessPipeline.kafka(stack));
        TopicSerdes serdes = new TopicSerdes(config.serdeProperties());
        KafkaConsumer<String, WasteFinding> consumer =
            OutputConsumer.fromBeginning(stack, config, serdes, Topics.WASTE_FINDINGS)) {
      long deadline = System.nanoTime() + maxWait.toNanos();
      long lastArrival = System.nanoTime();
      long records = 0;
      JobLag lag = new JobLag(admin, config.applicationId());
      while (System.nanoTime() < deadline
          && (System.nanoTime() - lastArrival < quiet.toNanos() || !lag.caughtUp())) {
        for (ConsumerRecord<String, WasteFinding> r : consumer.poll(Duration.ofMillis(500))) {
          records++;
          lastArrival = System.nanoTime();
          if (r.value() != null) {
            latest.merge(
                r.value().getFindingId(),
                r.value(),
                (a, b) -> b.getVersion() >= a.getVersion() ? b : a);
          }
        }
      }
      if (!lag.caughtUp()) {
        log.warn(
            "The streams job had not caught up with its inputs after {} s: the findings are incomplete",
            maxWait.toSeconds());
      }
      log.info("Read {} finding records ({} findings) from {}", records, latest.size(), name);
    }
    List<Finding> findings = new ArrayList<>();
    latest
        .values()
        .forEach(
            w ->
                findings.add(
                    new Finding(
                        w.getFindingId(),
                        w.getPattern().name(),
                        w.getEngineerId(),
                        w.getWindowStart(),
                        w.getWindowEnd(),
                        w.getVersion())));
    return findings;
  }
}
