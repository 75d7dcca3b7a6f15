package io.tokenlens.streams.detectors;

import io.tokenlens.streams.state.TimeLog;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The tool calls of each session (store keyed by session id, at the tool result's event time): the
 * tool name, and the hash of its arguments when the source sends them ({@code
 * OTEL_LOG_TOOL_DETAILS=1}), else the size of its result. Written by {@link ToolCallRecorder};
 * tells LOOPING_AGENT which action a request led to.
 */
public final class SessionToolCalls {

  public static final String STORE = "detect-session-tool-calls-log";

  /** What a request that led to no tool call is keyed by. */
  public static final String NONE = "";

  private final TimeLog<String> store;

  public SessionToolCalls(TimeLog<String> store) {
    this.store = store;
  }

  /** What marks a call told apart by its result's size, its arguments unknown. */
  static final String BY_RESULT_SIZE = "~";

  /**
   * {@code <tool name>\n<arguments hash>}; without the arguments (tool details off), {@code <tool
   * name>\n~<result size in bytes>}: the same command run again returns as much, another file read
   * does not, so the size stands in for the arguments (weaker: two different calls may return as
   * much).
   */
  static String key(String toolName, String argumentsHash, Long resultSizeBytes) {
    return toolName
        + "\n"
        + (argumentsHash != null
            ? argumentsHash
            : BY_RESULT_SIZE + (resultSizeBytes == null ? "" : resultSizeBytes.toString()));
  }

  /** Whether {@code call} (a {@link #key}) was told apart by its arguments. */
  static boolean byArguments(String call) {
    int newline = call.indexOf('\n');
    return newline >= 0 && !call.startsWith(BY_RESULT_SIZE, newline + 1);
  }

  /** The first tool call of {@code session} in ({@code after}, {@code to}], or {@link #NONE}. */
  public String firstAfter(String session, long after, long to) {
    if (to <= after) {
      return NONE;
    }
    try (WindowStoreIterator<String> it = store.fetch(session, after + 1, to)) {
      return it.hasNext() ? it.next().value : NONE;
    }
  }
}
