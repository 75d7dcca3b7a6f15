package io.tokenlens.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {

  private static Map<String, String> required() {
    Map<String, String> m = new HashMap<>();
    m.put(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
    m.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");
    return m;
  }

  @Test
  void shouldUseTheDocumentedDetectorDefaults() {
    DetectorConfig d = StreamsAppConfig.fromMap(required()).detectors();

    assertThat(d.grace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.sessionActivityRetention()).isEqualTo(Duration.ofHours(6));
    assertThat(d.loopingAgent())
        .isEqualTo(
            new DetectorConfig.LoopingAgent(
                new DetectorConfig.Repeats(6, Duration.ofMinutes(10)), 0.1, 64));
    assertThat(d.retryStorm()).isEqualTo(new DetectorConfig.Repeats(10, Duration.ofMinutes(5)));
    assertThat(d.contextBloat())
        .isEqualTo(new DetectorConfig.ContextBloat(10, 150_000, 0.01, Duration.ofHours(1)));
    assertThat(d.duplicateGeneration())
        .isEqualTo(
            new DetectorConfig.DuplicateGeneration(
                new DetectorConfig.Repeats(5, Duration.ofHours(1)),
                List.of(),
                List.of(),
                Duration.ofMinutes(2)));
    assertThat(d.cacheThrash())
        .isEqualTo(
            new DetectorConfig.CacheThrash(
                20_000, Duration.ofMinutes(5), new DetectorConfig.Repeats(3, Duration.ofHours(1))));
    assertThat(d.overnightPadding())
        .isEqualTo(
            new DetectorConfig.OvernightPadding(
                200_000,
                Duration.ofMinutes(30),
                Duration.ofHours(12),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1)));
    assertThat(d.abandonedSpend())
        .isEqualTo(new DetectorConfig.AbandonedSpend(1, Duration.ofDays(7), Duration.ofMinutes(1)));
    assertThat(d.discardedOutput())
        .isEqualTo(
            new DetectorConfig.DiscardedOutput(
                new DetectorConfig.Repeats(5, Duration.ofMinutes(30)),
                0.8,
                List.of("Edit", "MultiEdit", "Write", "NotebookEdit")));
    assertThat(d.incidentAfterAiHeavyPr())
        .isEqualTo(
            new DetectorConfig.IncidentAfterAiHeavyPr(
                Duration.ofHours(72), 0.1, 20, Duration.ofDays(7), Duration.ofMinutes(1)));
  }

  @Test
  void shouldReportEveryInvalidDetectorSettingAtOnce() {
    Map<String, String> m = required();
    m.put(DetectorConfig.LOOPING_MIN_REPEATS, "1");
    m.put(DetectorConfig.BLOAT_MAX_OUTPUT_RATIO, "1.5");
    m.put(DetectorConfig.RETRY_WINDOW_MS, "soon");
    m.put(DetectorConfig.DISCARDED_TOOLS, " , ");

    assertThatThrownBy(() -> StreamsAppConfig.fromMap(m))
        .hasMessageContaining(DetectorConfig.LOOPING_MIN_REPEATS + " must be at least 2")
        .hasMessageContaining(
            DetectorConfig.BLOAT_MAX_OUTPUT_RATIO + " must be between 0.0 and 1.0")
        .hasMessageContaining(DetectorConfig.RETRY_WINDOW_MS + " must be an integer")
        .hasMessageContaining(DetectorConfig.DISCARDED_TOOLS + " must name at least one tool");
  }
}
