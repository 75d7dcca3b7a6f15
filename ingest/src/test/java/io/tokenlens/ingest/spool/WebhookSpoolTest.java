package io.tokenlens.ingest.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.ingest.RecordingPublisher;
import io.tokenlens.ingest.metrics.IngestMetrics;
import io.tokenlens.ingest.publish.AuthenticatedBy;
import io.tokenlens.ingest.publish.BackPressureException;
import io.tokenlens.ingest.publish.DeadLetterPayloadCap;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.PipelineStage;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.Waits;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSpoolTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final AuthenticatedBy GITHUB = AuthenticatedBy.webhook("github-signature");

  private static PendingRecord<PullRequestEvent> pr(int n) {
    return new PendingRecord<>(
        Topics.PR_EVENTS, PullRequests.anOpenedPr().eventId("github:d" + n).number(n).build());
  }

  private static List<String> ids(RecordingPublisher publisher) {
    return publisher.published.stream()
        .map(r -> ((PullRequestEvent) r.value()).getEventId())
        .toList();
  }

  @Test
  void shouldForwardInOrderOnceKafkaTakesRecords(@TempDir Path dir) throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.down = true;
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, publisher, TIMEOUT)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2), pr(3)), GITHUB);
      assertThat(spool.pendingBytes()).isPositive();
      assertThat(publisher.published).isEmpty();

      publisher.down = false;

      Waits.until(
          "3 records published by publisher",
          Waits.SHORT,
          () -> publisher.published.size(),
          v -> v == 3);
      assertThat(ids(publisher)).containsExactly("github:d1", "github:d2", "github:d3");
      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
  }

  @Test
  void shouldWaitForALateAcknowledgementInsteadOfPublishingTheEntryAgain(@TempDir Path dir)
      throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.acknowledgeAfter = TIMEOUT.multipliedBy(3);
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, publisher, TIMEOUT)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2)), GITHUB);

      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    assertThat(ids(publisher)).containsExactly("github:d1", "github:d2");
    assertThat(publisher.attempts.get()).isEqualTo(2);
  }

  @Test
  void shouldForwardAfterARestartWhatWasNotForwardedBefore(@TempDir Path dir) throws Exception {
    RecordingPublisher first = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, first, TIMEOUT)) {
      spool.append(List.of(pr(1)), GITHUB);
      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
      first.down = true;
      spool.append(List.of(pr(2)), GITHUB);
    }
    RecordingPublisher second = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, second, TIMEOUT)) {
      Waits.until(
          "1 record published by second", Waits.SHORT, () -> second.published.size(), v -> v == 1);
      assertThat(ids(second)).containsExactly("github:d2");
      assertThat(ids(first)).containsExactly("github:d1");
    }
  }

  @Test
  void shouldCutOffATornLastEntry(@TempDir Path dir) throws Exception {
    RecordingPublisher down = new RecordingPublisher();
    down.down = true;
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, down, TIMEOUT)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2)), GITHUB);
    }
    Path log = dir.resolve("spool.log");
    try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
      c.truncate(Files.size(log) - 5); // the process died in the middle of writing entry 2
    }
    RecordingPublisher up = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, up, TIMEOUT)) {
      Waits.until("1 record published by up", Waits.SHORT, () -> up.published.size(), v -> v == 1);
      assertThat(ids(up)).containsExactly("github:d1");
      spool.append(List.of(pr(3)), GITHUB);
      Waits.until("2 records published by up", Waits.SHORT, () -> up.published.size(), v -> v == 2);
      assertThat(ids(up)).containsExactly("github:d1", "github:d3");
    }
  }

  @Test
  void shouldRefuseAppendsBeyondItsBound(@TempDir Path dir) throws Exception {
    RecordingPublisher down = new RecordingPublisher();
    down.down = true;
    try (WebhookSpool spool = new WebhookSpool(dir, 1500, down, TIMEOUT)) {
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 100; i++) {
                  spool.append(List.of(pr(i)), GITHUB);
                }
              })
          .isInstanceOf(BackPressureException.class)
          .hasMessageContaining("webhook spool full");
    }
  }

  @Test
  void shouldRoundTripEveryKindOfRecordItCarries(@TempDir Path dir) throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    IncidentEvent incident = io.tokenlens.fixtures.Incidents.aTriggeredIncident().build();
    PendingRecord<PullRequestEvent> pr = pr(1);
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, publisher, TIMEOUT)) {
      spool.append(List.of(new PendingRecord<>(Topics.INCIDENT_EVENTS, incident), pr), GITHUB);
      Waits.until(
          "2 records published by publisher",
          Waits.SHORT,
          () -> publisher.published.size(),
          v -> v == 2);
    }
    assertThat(publisher.published.get(0).topic()).isEqualTo(Topics.INCIDENT_EVENTS);
    assertThat(publisher.published.get(0).value()).isEqualTo(incident);
    assertThat(publisher.published.get(1).value()).isEqualTo(pr.value());
  }

  @Test
  void shouldPublishEachDeliveryWithItsCredentialAlsoAfterARestart(@TempDir Path dir)
      throws Exception {
    RecordingPublisher down = new RecordingPublisher();
    down.down = true;
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, down, TIMEOUT)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2)), AuthenticatedBy.webhook("gitlab-token"));
      spool.append(List.of(pr(3)), AuthenticatedBy.NOBODY);
    }
    RecordingPublisher up = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, up, TIMEOUT)) {
      Waits.until("3 records published by up", Waits.SHORT, () -> up.published.size(), v -> v == 3);
    }
    assertThat(ids(up)).containsExactly("github:d1", "github:d2", "github:d3");
    assertThat(up.authenticatedBy)
        .containsExactly(GITHUB, AuthenticatedBy.webhook("gitlab-token"), AuthenticatedBy.NOBODY);
  }

  @Test
  void shouldForwardAnEntryWithoutCredentialWithoutTheHeader(@TempDir Path dir) throws Exception {
    PullRequestEvent event = pr(7).value();
    byte[] value = PullRequestEvent.getEncoder().encode(event).array();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      out.writeInt(1); // the entry starts with its record count: no credential
      out.writeUTF(Topics.PR_EVENTS.name());
      out.writeInt(value.length);
      out.write(value);
    }
    appendRawEntry(dir, body.toByteArray());
    RecordingPublisher up = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(dir, 1 << 20, up, TIMEOUT)) {
      Waits.until("1 record published by up", Waits.SHORT, () -> up.published.size(), v -> v == 1);
    }
    assertThat(up.published.get(0).value()).isEqualTo(event);
    assertThat(up.authenticatedBy).containsExactly(AuthenticatedBy.NOBODY);
  }

  @Test
  void shouldDeadLetterAnEntryKafkaRefusesPermanentlyAndForwardTheEntriesBehindIt(@TempDir Path dir)
      throws Exception {
    PendingRecord<PullRequestEvent> refused = pr(2);
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.refuse =
        r -> r.value() instanceof PullRequestEvent e && e.getEventId().equals("github:d2");
    IngestMetrics metrics = new IngestMetrics();
    try (WebhookSpool spool =
        new WebhookSpool(
            dir, 1 << 20, publisher, TIMEOUT, 2, new DeadLetterPayloadCap(1 << 20), metrics)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(
          List.of(refused, pr(3)), GITHUB); // d2 is refused, d3 of the same delivery is not
      spool.append(List.of(pr(4)), GITHUB);

      Waits.until(
          "the entry behind the refused one forwarded",
          Waits.SHORT,
          () ->
              publisher.published.stream()
                  .filter(
                      r ->
                          r.value() instanceof PullRequestEvent e
                              && e.getEventId().equals("github:d4"))
                  .count(),
          n -> n == 1);
      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    List<PendingRecord<?>> letters =
        publisher.published.stream()
            .filter(r -> r.topic().equals(Topics.deadLetterTopic(Topics.PR_EVENTS).orElseThrow()))
            .toList();
    assertThat(letters).hasSize(1);
    DeadLetter letter = (DeadLetter) letters.get(0).value();
    assertThat(letter.getStage()).isEqualTo(PipelineStage.INGEST);
    assertThat(letter.getComponent()).isEqualTo("webhook-spool");
    assertThat(letter.getErrorClass())
        .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
    assertThat(letter.getErrorMessage()).contains("max.request.size");
    assertThat(letter.getKey()).isEqualTo(refused.key());
    assertThat(letter.getHeaders())
        .containsEntry("target-topic", "pr-events")
        .containsEntry("refusals", "2");
    assertThat(PullRequestEvent.getDecoder().decode(letter.getPayload()))
        .isEqualTo(refused.value());
    assertThat(
            publisher.published.stream()
                .filter(r -> r.value() instanceof PullRequestEvent)
                .map(r -> ((PullRequestEvent) r.value()).getEventId())
                .distinct()
                .toList())
        .containsExactly("github:d1", "github:d3", "github:d4");
    assertThat(publisher.authenticatedBy.get(publisher.published.indexOf(letters.get(0))))
        .isEqualTo(GITHUB);
    assertThat(metrics.render())
        .contains("tokenlens_ingest_dead_letter_total{topic=\"pr-events-dlq\"} 1")
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"webhook-spool\",reason=\"refused_by_kafka\"} 1");
  }

  @Test
  void shouldKeepRetryingInOrderAndDeadLetterNothingWhileKafkaIsUnavailable(@TempDir Path dir)
      throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.down = true;
    try (WebhookSpool spool =
        new WebhookSpool(
            dir,
            1 << 20,
            publisher,
            TIMEOUT,
            1,
            new DeadLetterPayloadCap(1 << 20),
            new IngestMetrics())) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2)), GITHUB);
      Waits.until(
          "several attempts while Kafka is down",
          Waits.SHORT,
          publisher.attempts::get,
          n -> n >= 4);

      publisher.down = false;

      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    assertThat(ids(publisher)).containsExactly("github:d1", "github:d2");
  }

  @Test
  void shouldSetAnUndecodableEntryAsideAndForwardTheEntriesBehindIt(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      out.writeInt(1);
      out.writeUTF("topic-of-another-version"); // checksum intact, but no topic of this catalog
      out.writeInt(3);
      out.write(new byte[] {1, 2, 3});
    }
    appendRawEntry(dir, body.toByteArray());
    RecordingPublisher publisher = new RecordingPublisher();
    IngestMetrics metrics = new IngestMetrics();
    try (WebhookSpool spool =
        new WebhookSpool(
            dir, 1 << 20, publisher, TIMEOUT, 5, new DeadLetterPayloadCap(1 << 20), metrics)) {
      spool.append(List.of(pr(1)), GITHUB);

      Waits.until(
          "the entry behind the undecodable one forwarded",
          Waits.SHORT,
          () -> publisher.published.size(),
          n -> n == 1);
      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    assertThat(ids(publisher)).containsExactly("github:d1");
    List<Path> aside;
    try (var files = Files.list(dir.resolve("undecodable"))) {
      aside = files.toList();
    }
    assertThat(aside).hasSize(1);
    assertThat(aside.get(0).getFileName().toString()).startsWith("0-").endsWith(".entry");
    assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(body.toByteArray());
    assertThat(metrics.render())
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"webhook-spool\",reason=\"undecodable_spool_entry\"} 1");
  }

  @Test
  void shouldKeepRecordsWhoseDeadLettersKafkaRefusesTooInTheDeadLetterDirectoryAndGoOn(
      @TempDir Path dir, @TempDir Path later) throws Exception {
    RecordingPublisher publisher = new RecordingPublisher();
    publisher.refuse =
        r ->
            r.value() instanceof DeadLetter
                || r.value() instanceof PullRequestEvent e && e.getEventId().equals("github:d2");
    IngestMetrics metrics = new IngestMetrics();
    try (WebhookSpool spool =
        new WebhookSpool(
            dir, 1 << 20, publisher, TIMEOUT, 2, new DeadLetterPayloadCap(1 << 20), metrics)) {
      spool.append(List.of(pr(1)), GITHUB);
      spool.append(List.of(pr(2), pr(3)), GITHUB);
      spool.append(List.of(pr(4)), GITHUB);

      Waits.until("the spool to drain", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    assertThat(ids(publisher).stream().distinct().toList())
        .containsExactly("github:d1", "github:d3", "github:d4");
    List<Path> kept;
    try (var files = Files.list(dir.resolve(WebhookSpool.DEAD_LETTER_DIR))) {
      kept = files.sorted().toList();
    }
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0).getFileName().toString()).matches("\\d+-\\d+\\.entry");
    assertThat(kept.get(1).getFileName().toString())
        .isEqualTo(kept.get(0).getFileName().toString().replace(".entry", ".error"));
    assertThat(Files.readString(kept.get(1)))
        .contains("pr-events " + pr(2).key())
        .contains("RecordTooLargeException")
        .contains("its dead letter");
    assertThat(metrics.render())
        .contains(
            "tokenlens_ingest_rejected_total{endpoint=\"webhook-spool\",reason=\"kept_in_dead_letter_dir\"} 1");

    // the kept entry body, appended to a spool's log, forwards the record it holds with its header
    appendRawEntry(later, Files.readAllBytes(kept.get(0)));
    RecordingPublisher up = new RecordingPublisher();
    try (WebhookSpool spool = new WebhookSpool(later, 1 << 20, up, TIMEOUT)) {
      Waits.until("the kept entry forwarded", Waits.SHORT, spool::pendingBytes, v -> v == 0);
    }
    assertThat(ids(up)).containsExactly("github:d2");
    assertThat(up.authenticatedBy).containsExactly(GITHUB);
  }

  /**
   * Appends an entry with its length and checksum to the spool's log, as another process would
   * have.
   */
  private static void appendRawEntry(Path dir, byte[] body) throws Exception {
    CRC32 crc = new CRC32();
    crc.update(body);
    ByteBuffer entry =
        ByteBuffer.allocate(4 + body.length + 8)
            .putInt(body.length)
            .put(body)
            .putLong(crc.getValue())
            .flip();
    try (FileChannel log =
        FileChannel.open(
            dir.resolve("spool.log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      log.write(entry);
    }
  }
}
