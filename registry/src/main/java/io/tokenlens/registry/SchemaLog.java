package io.tokenlens.registry;

import java.util.List;

/** Where the registry's records are appended: the Kafka topic, or memory in unit tests. */
public interface SchemaLog {

  /**
   * Appends {@code records} atomically and returns once they are applied to the registry's state
   * (read-your-writes).
   *
   * @throws NotWriterException when this instance does not hold the writer role
   * @throws RegistryException 50001 when the store fails, 50002 when it does not answer in time
   */
  void append(List<StoreRecord> records);

  /**
   * Waits until the state shows every record committed to the log so far; a follower calls it after
   * forwarding a write, so its own reads show that write.
   */
  default void awaitLatest() {}
}
