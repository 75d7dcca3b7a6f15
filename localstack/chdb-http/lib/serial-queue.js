'use strict';
/**
 * Runs async jobs strictly one after another. The engine is a single embedded
 * ClickHouse with per-connection state (current database, settings) that each
 * request changes and restores, so requests must not interleave on it.
 */
class SerialQueue {
  constructor() {
    this.tail = Promise.resolve();
    this.length = 0;
  }

  /** Enqueue `fn`; resolves/rejects with its result once it has run. */
  run(fn) {
    this.length++;
    const result = this.tail.then(fn);
    this.tail = result.then(() => {}, () => {}).finally(() => { this.length--; });
    return result;
  }

  /** Resolves when every job enqueued so far has finished. */
  drain() {
    return this.tail;
  }
}

module.exports = { SerialQueue };
