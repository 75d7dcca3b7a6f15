package io.tokenlens.streams.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * The non-negative numbers seen, as sorted, disjoint, non-adjacent ranges: a session's event
 * sequence numbers, which arrive nearly in order and with few gaps, take one range however many
 * there are. At most {@link #MAX_RANGES} ranges are kept; past that, the lowest range is forgotten
 * (a sender numbering sparsely costs memory no more).
 */
public final class SequenceSet {

  /** Ranges kept at most. */
  public static final int MAX_RANGES = 1024;

  private static final byte VERSION = 1;

  /**
   * Starts and ends (both inclusive) of the ranges: {@code bounds[2i]} to {@code bounds[2i + 1]}.
   */
  private long[] bounds;

  private int ranges;

  public SequenceSet() {
    this(new long[8], 0);
  }

  private SequenceSet(long[] bounds, int ranges) {
    this.bounds = bounds;
    this.ranges = ranges;
  }

  /** An independent copy. */
  public SequenceSet copy() {
    return new SequenceSet(Arrays.copyOf(bounds, Math.max(8, ranges * 2)), ranges);
  }

  /** Number of ranges held. */
  public int ranges() {
    return ranges;
  }

  /** Whether {@code n} was added (and not forgotten since). */
  public boolean contains(long n) {
    int i = rangeAtOrBefore(n);
    return i >= 0 && n <= bounds[2 * i + 1];
  }

  /** Adds {@code n} (≥ 0); false when it was there already. */
  public boolean add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a sequence number is not negative: " + n);
    }
    int i = rangeAtOrBefore(n);
    if (i >= 0 && n <= bounds[2 * i + 1]) {
      return false;
    }
    boolean joinsLower = i >= 0 && bounds[2 * i + 1] == n - 1;
    boolean joinsUpper = i + 1 < ranges && bounds[2 * (i + 1)] == n + 1;
    if (joinsLower && joinsUpper) {
      bounds[2 * i + 1] = bounds[2 * (i + 1) + 1];
      remove(i + 1);
    } else if (joinsLower) {
      bounds[2 * i + 1] = n;
    } else if (joinsUpper) {
      bounds[2 * (i + 1)] = n;
    } else {
      insert(i + 1, n);
      if (ranges > MAX_RANGES) {
        remove(0);
      }
    }
    return true;
  }

  /** Index of the last range starting at or before {@code n}, or -1. */
  private int rangeAtOrBefore(long n) {
    int lo = 0;
    int hi = ranges - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (bounds[2 * mid] <= n) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi;
  }

  private void insert(int at, long n) {
    if (2 * ranges + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    System.arraycopy(bounds, 2 * at, bounds, 2 * at + 2, 2 * (ranges - at));
    bounds[2 * at] = n;
    bounds[2 * at + 1] = n;
    ranges++;
  }

  private void remove(int at) {
    System.arraycopy(bounds, 2 * at + 2, bounds, 2 * at, 2 * (ranges - at - 1));
    ranges--;
  }

  /**
   * Its serde: a version byte, the number of ranges, then per range the gap from the previous
   * range's end (the first range: its start) and its length, all as variable-length integers; a few
   * bytes for a session without gaps. Internal to the job's stores and changelogs, never on a
   * catalog topic.
   */
  public static Serde<SequenceSet> serde() {
    Serializer<SequenceSet> serializer = (topic, set) -> set == null ? null : set.encode();
    Deserializer<SequenceSet> deserializer = (topic, bytes) -> bytes == null ? null : decode(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(1 + 5 + ranges * 20);
    out.put(VERSION);
    ByteUtils.writeUnsignedVarint(ranges, out);
    long previousEnd = 0;
    for (int i = 0; i < ranges; i++) {
      ByteUtils.writeVarlong(bounds[2 * i] - previousEnd, out);
      ByteUtils.writeVarlong(bounds[2 * i + 1] - bounds[2 * i], out);
      previousEnd = bounds[2 * i + 1];
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  private static SequenceSet decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte version = in.get();
    if (version != VERSION) {
      throw new SerializationException("unknown sequence set version " + version);
    }
    int ranges = ByteUtils.readUnsignedVarint(in);
    long[] bounds = new long[Math.max(8, ranges * 2)];
    long previousEnd = 0;
    for (int i = 0; i < ranges; i++) {
      bounds[2 * i] = previousEnd + ByteUtils.readVarlong(in);
      bounds[2 * i + 1] = bounds[2 * i] + ByteUtils.readVarlong(in);
      previousEnd = bounds[2 * i + 1];
    }
    return new SequenceSet(bounds, ranges);
  }
}
