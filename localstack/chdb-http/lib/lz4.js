'use strict';
/**
 * LZ4 *block* format (not the LZ4 frame format): the payload ClickHouse puts
 * inside a compressed block with method byte 0x82.
 *
 * A block is a sequence of "sequences": a token byte (high nibble = literal
 * length, low nibble = match length - 4, 15 meaning "more length bytes follow,
 * each adding up to 255"), the literals, a 2-byte little-endian match offset and
 * the extra match-length bytes. The last sequence has literals only. Encoder
 * rules from the spec: the last 5 bytes are always literals and the last match
 * must start at least 12 bytes before the end of the block.
 */

const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const HASH_LOG = 16;
const MAX_OFFSET = 65535;

class Lz4Error extends Error {}

/** Upper bound of the compressed size of n input bytes (LZ4_compressBound). */
function compressBound(n) {
  return n + Math.floor(n / 255) + 16;
}

/**
 * Decompress one LZ4 block into a buffer of exactly `uncompressedSize` bytes.
 * Throws Lz4Error on malformed input (never reads or writes out of bounds).
 */
function decompressBlock(src, srcStart, srcEnd, uncompressedSize) {
  const dst = Buffer.allocUnsafe(uncompressedSize);
  let s = srcStart;
  let d = 0;
  while (s < srcEnd) {
    const token = src[s++];
    let litLen = token >>> 4;
    if (litLen === 15) {
      let b;
      do {
        if (s >= srcEnd) throw new Lz4Error('truncated literal length');
        b = src[s++];
        litLen += b;
      } while (b === 255);
    }
    if (litLen > 0) {
      if (s + litLen > srcEnd || d + litLen > uncompressedSize) {
        throw new Lz4Error('literal run exceeds block bounds');
      }
      src.copy(dst, d, s, s + litLen);
      s += litLen;
      d += litLen;
    }
    if (s >= srcEnd) break; // last sequence: literals only
    if (s + 2 > srcEnd) throw new Lz4Error('truncated match offset');
    const offset = src[s] | (src[s + 1] << 8);
    s += 2;
    if (offset === 0 || offset > d) throw new Lz4Error('invalid match offset');
    let matchLen = token & 0x0f;
    if (matchLen === 15) {
      let b;
      do {
        if (s >= srcEnd) throw new Lz4Error('truncated match length');
        b = src[s++];
        matchLen += b;
      } while (b === 255);
    }
    matchLen += MIN_MATCH;
    if (d + matchLen > uncompressedSize) throw new Lz4Error('match exceeds block bounds');
    let m = d - offset;
    if (offset >= matchLen) {
      dst.copy(dst, d, m, m + matchLen); // non-overlapping: bulk copy
      d += matchLen;
    } else {
      // Overlapping match (run-length style): must copy byte by byte.
      const end = d + matchLen;
      while (d < end) dst[d++] = dst[m++];
    }
  }
  if (d !== uncompressedSize) {
    throw new Lz4Error(`decompressed ${d} bytes, header announced ${uncompressedSize}`);
  }
  return dst;
}

function writeLength(dst, o, len) {
  while (len >= 255) { dst[o++] = 255; len -= 255; }
  dst[o++] = len;
  return o;
}

function hash4(src, i) {
  // Multiplicative hash of 4 little-endian bytes (Knuth's constant, as LZ4 does).
  const v = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
  return Math.imul(v, 2654435761) >>> (32 - HASH_LOG);
}

const hashTable = new Int32Array(1 << HASH_LOG);

/**
 * Compress src[start, end) into a new LZ4 block (greedy single-probe matcher,
 * the same strategy as LZ4's default "fast" mode). Returns a Buffer slice.
 */
function compressBlock(src, start = 0, end = src.length) {
  const n = end - start;
  const dst = Buffer.allocUnsafe(compressBound(n));
  let o = 0;
  let anchor = start;
  if (n >= MF_LIMIT + 1) {
    hashTable.fill(-1);
    const matchLimit = end - LAST_LITERALS;
    const inputLimit = end - MF_LIMIT;
    let i = start;
    while (i < inputLimit) {
      const h = hash4(src, i);
      const ref = hashTable[h];
      hashTable[h] = i;
      if (ref < 0 || i - ref > MAX_OFFSET ||
          src[ref] !== src[i] || src[ref + 1] !== src[i + 1] ||
          src[ref + 2] !== src[i + 2] || src[ref + 3] !== src[i + 3]) {
        i++;
        continue;
      }
      // Extend the match forwards (never into the last 5 bytes).
      let mEnd = i + MIN_MATCH;
      let r = ref + MIN_MATCH;
      while (mEnd < matchLimit && src[mEnd] === src[r]) { mEnd++; r++; }
      const litLen = anchor < i ? i - anchor : 0;
      const matchLen = mEnd - i - MIN_MATCH;
      const tokenPos = o++;
      let token = (litLen >= 15 ? 15 : litLen) << 4;
      if (litLen >= 15) o = writeLength(dst, o, litLen - 15);
      src.copy(dst, o, anchor, i);
      o += litLen;
      const offset = i - ref;
      dst[o++] = offset & 0xff;
      dst[o++] = offset >>> 8;
      token |= matchLen >= 15 ? 15 : matchLen;
      if (matchLen >= 15) o = writeLength(dst, o, matchLen - 15);
      dst[tokenPos] = token;
      i = mEnd;
      anchor = i;
      if (i < inputLimit) hashTable[hash4(src, i - 2)] = i - 2;
    }
  }
  // Final literals-only sequence.
  const litLen = end - anchor;
  dst[o++] = (litLen >= 15 ? 15 : litLen) << 4;
  if (litLen >= 15) o = writeLength(dst, o, litLen - 15);
  src.copy(dst, o, anchor, end);
  o += litLen;
  return dst.subarray(0, o);
}

module.exports = { compressBlock, decompressBlock, compressBound, Lz4Error };
