package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.sink.rowbinary.RowBinaryOutput;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The rows decoded straight from the Avro binary, for the tables as the migrations create them:
 * byte for byte those of the deserializer and the record encoder, and accepted by ClickHouse.
 */
@StackTest
class WireRowsIT {

  @Test
  void shouldWriteTheReferenceBytesForEveryMigratedTableAndLandThem(StackScope stack)
      throws Exception {
    ReferenceRows reference = new ReferenceRows();
    Map<Topic<?>, List<? extends SpecificRecord>> fixtures = CatalogFixtures.byTopic();
    try (SinkHarness h = new SinkHarness(stack, "wire")) {
      Map<String, String> config = h.config(fixtures.keySet().toArray(Topic<?>[]::new));
      h.migrate(config);
      try (ClickHouseWriter writer = new ClickHouseWriter(SinkConfig.fromMap(config))) {
        for (Map.Entry<Topic<?>, List<? extends SpecificRecord>> e : fixtures.entrySet()) {
          TableMapping mapping = SinkTables.forTopic(e.getKey());
          List<byte[]> rows =
              reference.assertSameRows(e.getKey(), writer.rows(mapping), e.getValue());
          // accepted whole (the fixtures' dates are older than some tables' TTL, so they need not
          // stay)
          assertThatCode(
                  () ->
                      writer.insert(
                          mapping.table(),
                          RowBinaryOutput.concat(rows),
                          "wire-rows-" + mapping.table()))
              .as(mapping.table())
              .doesNotThrowAnyException();
        }
      }
    }
  }
}
