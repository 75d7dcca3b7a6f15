package io.tokenlens.streams.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a store has changed: a number that moves whenever the store may have changed. A reader
 * that kept what it read decoded in memory keeps it while the number it read before is current, and
 * drops it when the number moved.
 */
@FunctionalInterface
public interface StoreGeneration {

  /** A generation that is new at every read: for a store whose changes are not counted. */
  StoreGeneration ALWAYS_NEW = new AtomicLong()::incrementAndGet;

  /** The current generation. */
  long current();
}
