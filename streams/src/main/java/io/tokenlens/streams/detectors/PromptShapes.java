package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.streams.state.TimeLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Unlogged prompts waiting for their shape, {@code shape:<prompt length>:<input tokens of the first
 * request>}: the prompt's first request comes through another repartition and is recorded in the
 * cost store by {@link PromptCostRecorder}, which announces each request it recorded. A prompt is
 * decided once the recorded requests have come {@code settle} past it in event time (its own
 * requests had time to arrive, out of order too), with the earliest of its requests within {@code
 * window}; a prompt already past its settle is decided as soon as a request of it is recorded (one
 * session's requests may be recorded hours behind another's), and forgotten once the recorded
 * requests are {@code forgetAfter} (the cost store's retention) past it without one. Should the
 * requests stall, the wall clock decides instead: {@code wallSettle} after the prompt arrived,
 * forgotten a {@code window} after. Requests, not the task's stream time, decide: a replay's
 * prompts can run hours of event time ahead of the requests. Pending prompts are kept under their
 * cost-store key, with their arrival (wall clock) in {@code acceptedAt}.
 */
final class PromptShapes {

  private final KeyValueStore<String, AgentActivity> pending;
  private final TimeLog<Sample> costs;
  private final long settle;
  private final long wallSettle;
  private final long window;
  private final long forgetAfter;
  private final BiConsumer<AgentActivity, String> fingerprinted;

  /** The latest event time of a request recorded since this task started. */
  private long requestsAt = Long.MIN_VALUE;

  /**
   * When {@link #requestsAt} reaches this, some pending prompt is due; unknown (so checked) after a
   * restart.
   */
  private long nextDue = Long.MIN_VALUE;

  /** Calls {@code fingerprinted} with each prompt and its shape once decided. */
  PromptShapes(
      KeyValueStore<String, AgentActivity> pending,
      TimeLog<Sample> costs,
      long settle,
      long wallSettle,
      long window,
      long forgetAfter,
      BiConsumer<AgentActivity, String> fingerprinted) {
    this.pending = pending;
    this.costs = costs;
    this.settle = settle;
    this.wallSettle = wallSettle;
    this.window = window;
    this.forgetAfter = forgetAfter;
    this.fingerprinted = fingerprinted;
  }

  /** Keeps the unlogged {@code prompt} until its shape is known; {@code now} is the wall clock. */
  void await(AgentActivity prompt, long now) {
    pending.put(
        PromptCostRecorder.key(prompt.getEngineerId(), prompt.getPromptId()),
        AgentActivity.newBuilder(prompt).setAcceptedAt(Instant.ofEpochMilli(now)).build());
    nextDue = Math.min(nextDue, prompt.getOccurredAt().toEpochMilli() + settle);
  }

  /** A request at {@code time} was recorded under {@code key} in the cost store. */
  void requestRecorded(String key, long time) {
    long before = requestsAt;
    requestsAt = Math.max(requestsAt, time);
    AgentActivity prompt = pending.get(key);
    if (prompt != null && time(prompt) + settle <= before && decide(key, prompt)) {
      return; // a late request of a prompt that was due already
    }
    if (requestsAt >= nextDue) {
      decideByRequests();
    }
  }

  /**
   * Decides every prompt whose requests had {@code wallSettle} to arrive by the wall clock {@code
   * now}.
   */
  void decideByWallClock(long now) {
    for (KeyValue<String, AgentActivity> entry : byEventTime()) {
      long arrived = entry.value.getAcceptedAt().toEpochMilli();
      if (arrived + wallSettle <= now
          && !decide(entry.key, entry.value)
          && arrived + window <= now) {
        pending.delete(entry.key); // no request came: nothing was generated
      }
    }
  }

  private void decideByRequests() {
    long next = Long.MAX_VALUE;
    for (KeyValue<String, AgentActivity> entry : byEventTime()) {
      long time = time(entry.value);
      if (time + settle > requestsAt) {
        next = Math.min(next, time + settle);
        break; // the later ones are not settled either
      }
      if (decide(entry.key, entry.value)) {
        continue;
      }
      if (time + forgetAfter <= requestsAt) {
        // no request came, and the cost store no longer holds requests that old: nothing to
        // fingerprint with
        pending.delete(entry.key);
      } else {
        // its requests are behind the others' (another session's task ran ahead): decided when one
        // of them is
        // recorded, else forgotten then
        next = Math.min(next, time + forgetAfter);
      }
    }
    nextDue = next;
  }

  /** Fingerprints {@code prompt} if a request of it was recorded; whether it was. */
  private boolean decide(String key, AgentActivity prompt) {
    long time = time(prompt);
    Sample first;
    try (WindowStoreIterator<Sample> it = costs.fetch(key, time, time + window)) {
      first = it.hasNext() ? it.next().value : null;
    }
    if (first == null) {
      return false;
    }
    pending.delete(key);
    fingerprinted.accept(prompt, "shape:" + prompt.getPromptLength() + ":" + first.inputTokens());
    return true;
  }

  /** The pending prompts, earliest first: bursts grow in event-time order. */
  private List<KeyValue<String, AgentActivity>> byEventTime() {
    List<KeyValue<String, AgentActivity>> waiting = new ArrayList<>();
    try (KeyValueIterator<String, AgentActivity> it = pending.all()) {
      it.forEachRemaining(waiting::add);
    }
    waiting.sort(Comparator.comparing(kv -> kv.value.getOccurredAt()));
    return waiting;
  }

  private static long time(AgentActivity prompt) {
    return prompt.getOccurredAt().toEpochMilli();
  }
}
