'use strict';
/**
 * CityHash128, version 1.0.2 — the exact variant ClickHouse uses for the
 * checksums of its compressed block framing (contrib/cityhash102). Later
 * CityHash releases (1.0.3, 1.1) changed HashLen0to16 and the tail handling
 * and produce DIFFERENT hashes; do not "upgrade" this to a newer port.
 *
 * JavaScript has no native 64-bit unsigned integers that are fast enough
 * (BigInt arithmetic costs ~100x), so every 64-bit value is carried as two
 * unsigned 32-bit halves. The helpers below take (hi, lo) pairs and return a
 * fresh { h, l } object; V8 keeps these short-lived objects cheap.
 *
 * Result: { low, high } as { h, l } pairs, where `low` is the first 64-bit word
 * of the checksum (written little-endian at offset 0) and `high` the second.
 */

function u64(h, l) { return { h: h >>> 0, l: l >>> 0 }; }

// Constants from city.cc
const K0 = u64(0xc3a5c85c, 0x97cb3127);
const K1 = u64(0xb492b66f, 0xbe98f273);
const K2 = u64(0x9ae16a3b, 0x2f90404f);
const K3 = u64(0xc949d7c7, 0x509e6557);
const KMUL = u64(0x9ddfea08, 0xeb382d69);

function add(a, b) {
  const l = a.l + b.l;
  const carry = l > 0xffffffff ? 1 : 0;
  return { h: (a.h + b.h + carry) >>> 0, l: l >>> 0 };
}

function sub(a, b) {
  const l = a.l - b.l;
  const borrow = l < 0 ? 1 : 0;
  return { h: (a.h - b.h - borrow) >>> 0, l: l >>> 0 };
}

function xor(a, b) {
  return { h: (a.h ^ b.h) >>> 0, l: (a.l ^ b.l) >>> 0 };
}

/**
 * Low 64 bits of a * b. The low halves' full 64-bit product is built from
 * 16-bit pieces (no partial product exceeds 2^53); the cross terms only
 * contribute to the high word modulo 2^32, which Math.imul gives directly.
 */
function mul(a, b) {
  const al = a.l, bl = b.l;
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const lo00 = a0 * b0;
  const mid = a1 * b0 + (lo00 >>> 16);           // < 2^33
  const mid2 = a0 * b1 + (mid % 65536);          // < 2^33
  const l = ((mid2 % 65536) * 65536 + (lo00 & 0xffff)) >>> 0;
  const carryHi = a1 * b1 + Math.floor(mid / 65536) + Math.floor(mid2 / 65536); // high 32 bits of al*bl
  const h = (carryHi + Math.imul(a.h, bl) + Math.imul(al, b.h)) >>> 0;
  return { h, l };
}

/** Logical right shift by 0 < n < 64. */
function shr(a, n) {
  if (n >= 32) return { h: 0, l: a.h >>> (n - 32) };
  return { h: a.h >>> n, l: ((a.l >>> n) | (a.h << (32 - n))) >>> 0 };
}

/** Rotate right; city.cc's Rotate() returns val unchanged for shift 0. */
function rotate(a, n) {
  if (n === 0) return a;
  if (n === 32) return { h: a.l, l: a.h };
  if (n > 32) { a = { h: a.l, l: a.h }; n -= 32; }
  return {
    h: ((a.h >>> n) | (a.l << (32 - n))) >>> 0,
    l: ((a.l >>> n) | (a.h << (32 - n))) >>> 0,
  };
}

/** RotateByAtLeast1: same as rotate for 1..63 (callers never pass 0 or 64). */
const rotateByAtLeast1 = rotate;

function shiftMix(a) { return xor(a, shr(a, 47)); }

function fetch64(buf, i) { return { h: buf.readUInt32LE(i + 4), l: buf.readUInt32LE(i) }; }
function fetch32(buf, i) { return { h: 0, l: buf.readUInt32LE(i) }; }

function hash128to64(low, high) {
  let a = mul(xor(low, high), KMUL);
  a = xor(a, shr(a, 47));
  let b = mul(xor(high, a), KMUL);
  b = xor(b, shr(b, 47));
  return mul(b, KMUL);
}

function hashLen16(u, v) { return hash128to64(u, v); }

function fromNumber(n) { return { h: Math.floor(n / 4294967296) >>> 0, l: n >>> 0 }; }

function hashLen0to16(buf, s, len) {
  if (len > 8) {
    const a = fetch64(buf, s);
    const b = fetch64(buf, s + len - 8);
    return xor(hashLen16(a, rotateByAtLeast1(add(b, fromNumber(len)), len)), b);
  }
  if (len >= 4) {
    const a = fetch32(buf, s);
    // len + (a << 3): a is 32-bit, so the shifted value spans 35 bits.
    const shifted = { h: a.l >>> 29, l: (a.l << 3) >>> 0 };
    return hashLen16(add(fromNumber(len), shifted), fetch32(buf, s + len - 4));
  }
  if (len > 0) {
    const a = buf[s];
    const b = buf[s + (len >>> 1)];
    const c = buf[s + len - 1];
    const y = (a + (b << 8)) >>> 0;
    const z = (len + (c << 2)) >>> 0;
    return mul(shiftMix(xor(mul({ h: 0, l: y }, K2), mul({ h: 0, l: z }, K3))), K2);
  }
  return K2;
}

function weakHashLen32WithSeeds6(w, x, y, z, a, b) {
  a = add(a, w);
  b = rotate(add(add(b, a), z), 21);
  const c = a;
  a = add(a, x);
  a = add(a, y);
  b = add(b, rotate(a, 44));
  return [add(a, z), add(b, c)];
}

function weakHashLen32WithSeeds(buf, s, a, b) {
  return weakHashLen32WithSeeds6(
    fetch64(buf, s), fetch64(buf, s + 8), fetch64(buf, s + 16), fetch64(buf, s + 24), a, b);
}

function cityMurmur(buf, s, len, seedLow, seedHigh) {
  let a = seedLow;
  let b = seedHigh;
  let c;
  let d;
  let l = len - 16;
  if (l <= 0) {
    a = mul(shiftMix(mul(a, K1)), K1);
    c = add(mul(b, K1), hashLen0to16(buf, s, len));
    d = shiftMix(add(a, len >= 8 ? fetch64(buf, s) : c));
  } else {
    c = hashLen16(add(fetch64(buf, s + len - 8), K1), a);
    d = hashLen16(add(b, fromNumber(len)), add(c, fetch64(buf, s + len - 16)));
    a = add(a, d);
    do {
      a = xor(a, mul(shiftMix(mul(fetch64(buf, s), K1)), K1));
      a = mul(a, K1);
      b = xor(b, a);
      c = xor(c, mul(shiftMix(mul(fetch64(buf, s + 8), K1)), K1));
      c = mul(c, K1);
      d = xor(d, c);
      s += 16;
      l -= 16;
    } while (l > 0);
  }
  a = hashLen16(a, c);
  b = hashLen16(d, b);
  return { low: xor(a, b), high: hashLen16(b, a) };
}

function cityHash128WithSeed(buf, s, len, seedLow, seedHigh) {
  if (len < 128) return cityMurmur(buf, s, len, seedLow, seedHigh);

  let x = seedLow;
  let y = seedHigh;
  let z = mul(fromNumber(len), K1);
  let v0 = add(mul(rotate(xor(y, K1), 49), K1), fetch64(buf, s));
  let v1 = add(mul(rotate(v0, 42), K1), fetch64(buf, s + 8));
  let w0 = add(mul(rotate(add(y, z), 35), K1), x);
  let w1 = mul(rotate(add(x, fetch64(buf, s + 88)), 53), K1);
  let t;

  // The same inner loop as CityHash64(), manually unrolled twice.
  do {
    for (let round = 0; round < 2; round++) {
      x = mul(rotate(add(add(add(x, y), v0), fetch64(buf, s + 16)), 37), K1);
      y = mul(rotate(add(add(y, v1), fetch64(buf, s + 48)), 42), K1);
      x = xor(x, w1);
      y = xor(y, v0);
      z = rotate(xor(z, w0), 33);
      [v0, v1] = weakHashLen32WithSeeds(buf, s, mul(v1, K1), add(x, w0));
      [w0, w1] = weakHashLen32WithSeeds(buf, s + 32, add(z, w1), y);
      t = z; z = x; x = t;
      s += 64;
    }
    len -= 128;
  } while (len >= 128);

  y = add(y, add(mul(rotate(w0, 37), K0), z));
  x = add(x, mul(rotate(add(v0, z), 49), K0));
  // If 0 < len < 128, hash up to 4 chunks of 32 bytes each from the end of s.
  for (let tailDone = 0; tailDone < len;) {
    tailDone += 32;
    y = add(mul(rotate(sub(y, x), 42), K0), v1);
    w0 = add(w0, fetch64(buf, s + len - tailDone + 16));
    x = add(mul(rotate(x, 49), K0), w0);
    w0 = add(w0, v0);
    [v0, v1] = weakHashLen32WithSeeds(buf, s + len - tailDone, v0, v1);
  }
  // At this point our 48 bytes of state should contain more than
  // enough information for a strong 128-bit hash.
  x = hashLen16(x, v0);
  y = hashLen16(y, w0);
  return {
    low: add(hashLen16(add(x, v1), w1), y),
    high: hashLen16(add(x, w1), add(y, v1)),
  };
}

/**
 * CityHash128 (v1.0.2) of buf[offset, offset + length).
 * @param {Buffer} buf
 * @returns {{low: {h:number,l:number}, high: {h:number,l:number}}}
 */
function cityHash128(buf, offset = 0, length = buf.length - offset) {
  const s = offset;
  const len = length;
  if (len >= 16) {
    return cityHash128WithSeed(buf, s + 16, len - 16,
      xor(fetch64(buf, s), K3), fetch64(buf, s + 8));
  }
  if (len >= 8) {
    return cityHash128WithSeed(buf, s, 0,
      xor(fetch64(buf, s), mul(fromNumber(len), K0)),
      xor(fetch64(buf, s + len - 8), K1));
  }
  return cityHash128WithSeed(buf, s, len, K0, K1);
}

/** The 16 checksum bytes exactly as ClickHouse writes them before a compressed block. */
function checksumBytes(buf, offset, length) {
  const { low, high } = cityHash128(buf, offset, length);
  const out = Buffer.allocUnsafe(16);
  out.writeUInt32LE(low.l, 0);
  out.writeUInt32LE(low.h, 4);
  out.writeUInt32LE(high.l, 8);
  out.writeUInt32LE(high.h, 12);
  return out;
}

/** Helper for tests/diagnostics: a {h,l} pair as an unsigned decimal string. */
function toDecimalString(v) {
  return ((BigInt(v.h) << 32n) | BigInt(v.l)).toString();
}

module.exports = { cityHash128, checksumBytes, toDecimalString };
