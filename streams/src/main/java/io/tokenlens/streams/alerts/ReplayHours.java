package io.tokenlens.streams.alerts;

import java.util.HashMap;
import java.util.Map;

/**
 * When hours close by stream time ({@code streams.alerts.burn.clock=event}, a replay): the tasks
 * that sum the spend forward an hour's sums over several of their flushes, and a flush of a replay
 * can carry hours of event time at once, so stream time passes an hour before all its sums have
 * arrived. An hour closed by stream time is therefore scored only once no sum has reached it for
 * {@code streams.alerts.burn.settle.ms} of wall-clock time, and a sum is late only for an hour
 * already scored. In memory: after a restart the hours restored from the store settle again, and a
 * sum for an hour scored before the restart starts a new one.
 */
final class ReplayHours {
  private final long settleMillis;
  private final Map<String, Long> lastUpdate = new HashMap<>();
  private final Map<String, Long> scoredThrough = new HashMap<>();

  ReplayHours(long settleMillis) {
    this.settleMillis = settleMillis;
  }

  /** Whether the subject's hour has been scored already. */
  boolean isScored(String subject, long hourStart) {
    Long through = scoredThrough.get(subject);
    return through != null && hourStart <= through;
  }

  /** Notes a sum added to the hour at wall-clock {@code wallMillis}. */
  void updated(String subject, long hourStart, long wallMillis) {
    lastUpdate.put(subject + "@" + hourStart, wallMillis);
  }

  /**
   * Whether no sum reached the hour for the settle time; an hour not seen since a restart starts
   * settling now.
   */
  boolean isSettled(String subject, long hourStart, long wallMillis) {
    Long last = lastUpdate.putIfAbsent(subject + "@" + hourStart, wallMillis);
    return last != null && wallMillis - last >= settleMillis;
  }

  /** Notes the hour scored and forgotten. */
  void scored(String subject, long hourStart) {
    lastUpdate.remove(subject + "@" + hourStart);
    scoredThrough.merge(subject, hourStart, Math::max);
  }
}
