package io.tokenlens.streams.detectors;

import io.tokenlens.streams.state.TimeLog;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The user prompts of each session (store keyed by session id, at the prompt's event time): what
 * tells an attended session from an agent running on its own. Written by {@link
 * UserPromptRecorder}, read by the session detectors.
 */
public final class SessionPrompts {

  public static final String STORE = "detect-session-prompts-log";

  private final TimeLog<String> store;

  public SessionPrompts(TimeLog<String> store) {
    this.store = store;
  }

  /**
   * Time of the latest prompt of {@code session} in [{@code from}, {@code time}], or {@link
   * Long#MIN_VALUE}.
   */
  public long lastAtOrBefore(String session, long from, long time) {
    long last = Long.MIN_VALUE;
    try (WindowStoreIterator<String> it = store.fetch(session, from, time)) {
      while (it.hasNext()) {
        last = it.next().key;
      }
    }
    return last;
  }

  /** The times of the prompts of {@code session} in [{@code from}, {@code to}], in order. */
  public List<Long> times(String session, long from, long to) {
    List<Long> times = new ArrayList<>();
    try (WindowStoreIterator<String> it = store.fetch(session, from, to)) {
      it.forEachRemaining(kv -> times.add(kv.key));
    }
    return times;
  }
}
