package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process of the local stack. Adding a component to the stack is one class implementing this
 * and one line in {@link LocalStack#components}.
 */
public interface Component {

  /** Short name used for the data directory, the pid file and the status table. */
  String name();

  /** Where clients reach it, printed by {@code up} and {@code status}. */
  String address();

  /** The component's own directory under the data directory. */
  Path directory();

  /**
   * Preparation before a start (formatting storage, installing packages). Idempotent: it runs
   * before every start and does nothing when already done.
   */
  void prepare() throws IOException, InterruptedException;

  /** The command line of the process; its output goes to {@link #logFile()}. */
  List<String> command();

  /** True when the component answers requests (a protocol-level check, not just an open port). */
  boolean isReady();

  /** Variables added to the process's environment (over the launcher's own). */
  default Map<String, String> environment() {
    return Map.of();
  }

  /**
   * The loopback ports the process binds, each with the variable that sets it: before a start, a
   * port another process already accepts connections on is reported by name instead of a bind
   * failure deep in the log.
   */
  default Map<String, Integer> ports() {
    return Map.of();
  }

  default Path logFile() {
    return directory().resolve(name() + ".log");
  }
}
