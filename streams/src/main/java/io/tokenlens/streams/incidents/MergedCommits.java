package io.tokenlens.streams.incidents;

import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The commits of the services' merged pull requests: {@code <service>|<sha>} → {@code
 * <owner/name>#<number>} at the merge time, kept for the store's retention. A reference names a
 * commit by its full sha or an abbreviation of at least {@value #MIN_SHA_LENGTH} characters: the
 * lookup is a key-range scan over the prefix.
 */
final class MergedCommits {

  static final int MIN_SHA_LENGTH = 7;

  private final WindowStore<String, String> store;

  MergedCommits(ProcessingContext context, String storeName) {
    this.store = context.getStateStore(storeName);
  }

  /** The pull request {@code <owner/name>#<number>} of the commit, or null. */
  String pullRequestOf(String service, String sha, Instant from, Instant to) {
    if (sha == null || sha.length() < MIN_SHA_LENGTH) {
      return null;
    }
    String prefix = service + "|" + sha.toLowerCase(Locale.ROOT);
    try (KeyValueIterator<Windowed<String>, String> it =
        store.fetch(prefix, prefix + "~", from, to)) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, String> kv = it.next();
        if (kv.key.key().startsWith(prefix)) {
          return kv.value;
        }
      }
    }
    return null;
  }

  /**
   * Keeps the commit records of {@link MergedCommitProcessor}, after the repartition by service.
   */
  static final class Remember implements Processor<String, String, Void, Void> {

    private final String storeName;
    private WindowStore<String, String> store;

    Remember(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, String> record) {
      int bar = record.value().indexOf('|');
      store.put(
          record.key() + "|" + record.value().substring(0, bar),
          record.value().substring(bar + 1),
          record.timestamp());
    }
  }
}
