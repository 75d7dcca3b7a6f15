package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTableTest {
  private static final String PREFIX = "claude-code:chaos-r-";

  private static LedgerTable table(Ledger ledger, Map<String, Long> events) {
    return LedgerTable.of(ledger, events, Map.of(), label -> PREFIX + label + "-");
  }

  @Test
  void shouldCountAnAcceptedEventMissingFromClickHouse() {
    Ledger ledger = new Ledger();
    Fault sink = Fault.parse("sink");
    ledger.acceptedEvents(sink, List.of(PREFIX + "sink-0:0", PREFIX + "sink-0:1"));

    LedgerTable table = table(ledger, Map.of(PREFIX + "sink-0:0", 1L));

    assertThat(table.rows().get(0).events()).isEqualTo(new LedgerTable.Count(2, 1, 0, 1));
    assertThat(table.clean()).isFalse();
  }

  @Test
  void shouldCountTheExtraRowsOfADuplicatedEvent() {
    Ledger ledger = new Ledger();
    Fault streams = Fault.parse("streams");
    ledger.acceptedEvents(streams, List.of(PREFIX + "streams-0:0"));

    LedgerTable table = table(ledger, Map.of(PREFIX + "streams-0:0", 3L));

    assertThat(table.rows().get(0).events()).isEqualTo(new LedgerTable.Count(1, 1, 2, 0));
    assertThat(table.clean()).isFalse();
  }

  @Test
  void shouldPassWhenEveryAcceptedEventLandedOnceAndCountUnacknowledgedOnesApart() {
    Ledger ledger = new Ledger();
    Fault ingest = Fault.parse("ingest");
    ledger.acceptedEvents(ingest, List.of(PREFIX + "ingest-0:0"));
    ledger.answered(ingest, "connection", false);

    LedgerTable table = table(ledger, Map.of(PREFIX + "ingest-0:0", 1L, PREFIX + "ingest-0:1", 1L));

    assertThat(table.clean()).isTrue();
    assertThat(table.rows().get(0).landedUnacknowledged()).isEqualTo(1);
    assertThat(table.render()).contains("connection ×1");
  }

  @Test
  void shouldFailOnA503WithoutRetryAfter() {
    Ledger ledger = new Ledger();
    Fault kafka = Fault.parse("kafka");
    ledger.answered(kafka, "503", true);

    assertThat(table(ledger, Map.of()).clean()).isFalse();
  }
}
