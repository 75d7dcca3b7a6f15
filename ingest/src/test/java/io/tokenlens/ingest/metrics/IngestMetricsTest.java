package io.tokenlens.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestMetricsTest {

  @Test
  void shouldCountLabelSetsBeyondTheBoundUnderOverflow() {
    IngestMetrics metrics = new IngestMetrics();
    for (int i = 0; i < IngestMetrics.MAX_SERIES_PER_COUNTER + 500; i++) {
      metrics.request("endpoint-" + i, 404);
    }

    String rendered = metrics.render();
    assertThat(rendered.lines().filter(l -> l.startsWith("tokenlens_ingest_http_requests_total{")))
        .hasSize(IngestMetrics.MAX_SERIES_PER_COUNTER + 1);
    assertThat(rendered)
        .contains(
            "tokenlens_ingest_http_requests_total{endpoint=\"overflow\",status=\"overflow\"} 500");
  }

  @Test
  void shouldKeepCountingKnownLabelSetsOnceTheBoundIsReached() {
    IngestMetrics metrics = new IngestMetrics();
    metrics.request("otlp-http-logs", 200);
    for (int i = 0; i < IngestMetrics.MAX_SERIES_PER_COUNTER; i++) {
      metrics.request("endpoint-" + i, 404);
    }
    metrics.request("otlp-http-logs", 200);

    assertThat(metrics.render())
        .contains(
            "tokenlens_ingest_http_requests_total{endpoint=\"otlp-http-logs\",status=\"200\"} 2");
  }
}
