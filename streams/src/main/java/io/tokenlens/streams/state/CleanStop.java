package io.tokenlens.streams.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Whether the job's last run on this state directory stopped cleanly, kept as a marker file next to
 * the task directories of the application ({@code
 * <state.dir>/<application.id>/tokenlens-clean-stop}).
 *
 * <p>Why it matters under exactly-once: after a crash or SIGKILL no store has a checkpoint, so
 * Kafka Streams finds every stateful task corrupted, closes it dirty and restores it from its
 * changelog. Closing a task dirty aborts the stream thread's one shared transaction, and when that
 * happens while a rebalance is in progress (Kafka Streams 4.3 then skips committing the healthy
 * tasks first, and a task found corrupted forces a rebalance) the abort also takes output that a
 * healthy task has already sent and will not send again: a dead letter is sent when its record is
 * polled, so the task's position has moved past the record. The job therefore discards the local
 * state of a run that did not stop cleanly before it starts (the same restore from the changelogs
 * Kafka Streams would do, without the corrupted-task path).
 */
public final class CleanStop {

  static final String MARKER = "tokenlens-clean-stop";

  private final Path applicationDir;

  public CleanStop(Path stateDir, String applicationId) {
    this.applicationDir = stateDir.resolve(applicationId);
  }

  /**
   * True when there is local task state and no record that the run which wrote it stopped cleanly.
   */
  public boolean lastRunStoppedUncleanly() {
    return hasTaskState() && !Files.exists(marker());
  }

  /**
   * Forgets the last clean stop: called as a run starts, so a crash of this run is detected by the
   * next.
   */
  public void running() {
    try {
      Files.deleteIfExists(marker());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + marker(), e);
    }
  }

  /** Records a clean stop: called once Kafka Streams has closed and written its checkpoints. */
  public void stoppedCleanly() {
    try {
      Files.createDirectories(applicationDir);
      Files.writeString(marker(), Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + marker(), e);
    }
  }

  private boolean hasTaskState() {
    if (!Files.isDirectory(applicationDir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(applicationDir)) {
      return entries.anyMatch(Files::isDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + applicationDir, e);
    }
  }

  private Path marker() {
    return applicationDir.resolve(MARKER);
  }
}
