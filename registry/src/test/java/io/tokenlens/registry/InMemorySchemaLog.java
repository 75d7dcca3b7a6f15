package io.tokenlens.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The log of unit tests: records go through the codec (so its encoding is exercised too) and are
 * applied to the state at once. Keeps what was appended, in order.
 */
final class InMemorySchemaLog implements SchemaLog {
  private final RegistryState state;
  private final StoreRecordCodec codec = new StoreRecordCodec();
  private final List<StoreRecord> appended = new ArrayList<>();

  InMemorySchemaLog(RegistryState state) {
    this.state = state;
  }

  @Override
  public synchronized void append(List<StoreRecord> records) {
    for (StoreRecord record : records) {
      StoreRecordCodec.Encoded encoded = codec.encode(record);
      StoreRecord decoded = codec.decode(encoded.key(), encoded.value()).orElseThrow();
      state.apply(decoded);
      appended.add(decoded);
    }
  }

  synchronized List<StoreRecord> appended() {
    return List.copyOf(appended);
  }
}
