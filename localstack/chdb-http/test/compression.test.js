'use strict';
// CityHash128 v1.0.2, LZ4 and ClickHouse's compressed block framing, checked
// against vectors produced by the ClickHouse Java client's own implementation.

const test = require('node:test');
const assert = require('node:assert/strict');
const { cityHash128, toDecimalString } = require('../lib/cityhash128');
const lz4 = require('../lib/lz4');
const compression = require('../lib/compression');
const vectors = require('./fixtures/clickhouse-java-vectors.json');

const ALPHABET = 'token_lens,';

/** The generator described in the fixture (same LCG as the Java program). */
function gen(len, seed, mode) {
  const b = Buffer.alloc(len);
  let x = BigInt(seed & 0x7fffffff);
  for (let i = 0; i < len; i++) {
    x = (x * 1103515245n + 12345n) & 0x7fffffffn;
    const r = Number(x >> 16n) & 0xff;
    if (mode === 'text') b[i] = ALPHABET.charCodeAt(r % ALPHABET.length);
    else if (mode === 'rep') b[i] = ALPHABET.charCodeAt(r < 240 ? (i % 29) % ALPHABET.length : r % ALPHABET.length);
    else b[i] = r;
  }
  return b;
}

function decodeAll(buf, chunkSize = 1000) {
  return new Promise((resolve, reject) => {
    const d = new compression.FramedDecoder();
    const out = [];
    d.on('data', (c) => out.push(c));
    d.on('end', () => resolve(Buffer.concat(out)));
    d.on('error', reject);
    for (let i = 0; i < buf.length; i += chunkSize) d.write(buf.subarray(i, i + chunkSize));
    d.end();
  });
}

test('CityHash128 matches the Java client (ClickHouseCityHash) for all vector lengths', () => {
  assert.ok(vectors.cityhash128.length >= 60);
  for (const v of vectors.cityhash128) {
    const h = cityHash128(gen(v.len, v.seed, v.mode));
    assert.equal(toDecimalString(h.low), v.low, `low word, ${v.mode} len ${v.len}`);
    assert.equal(toDecimalString(h.high), v.high, `high word, ${v.mode} len ${v.len}`);
  }
});

test('blocks framed by the Java client decode to the original bytes (checksums verified)', async () => {
  for (const v of vectors.framed) {
    const decoded = await decodeAll(Buffer.from(v.framedHex, 'hex'), 777);
    assert.ok(decoded.equals(gen(v.len, v.seed, v.mode)), `${v.mode} len ${v.len}`);
  }
});

test('LZ4 block round trip on edge sizes and patterns', () => {
  const samples = [
    Buffer.alloc(0), Buffer.from('a'), Buffer.from('abcdefghijkl'), Buffer.alloc(13, 0x41),
    Buffer.alloc(100000, 0), gen(5000, 1, 'random'), gen(70000, 2, 'rep'), gen(300, 3, 'text'),
    Buffer.from('x'.repeat(70000) + 'y'.repeat(20)),
  ];
  for (const s of samples) {
    const c = lz4.compressBlock(s);
    assert.ok(c.length <= lz4.compressBound(s.length));
    assert.ok(lz4.decompressBlock(c, 0, c.length, s.length).equals(s), `len ${s.length}`);
  }
  const rep = gen(70000, 2, 'rep');
  assert.ok(lz4.compressBlock(rep).length < rep.length / 2, 'repetitive data compresses');
});

test('own framing encoder round-trips and multi-block streams split at the block size', async () => {
  const data = gen(300000, 9, 'rep');
  const framed = Buffer.concat(compression.encodeFramed(data, 65536));
  assert.equal(framed[16], 0x82, 'method byte LZ4');
  assert.ok((await decodeAll(framed, 4096)).equals(data));
});

test('corrupted checksum and unknown method are rejected with clear errors', async () => {
  const framed = Buffer.concat(compression.encodeFramed(Buffer.from('hello world, hello world')));
  const bad = Buffer.from(framed);
  bad[3] ^= 0xff;
  await assert.rejects(decodeAll(bad), (e) => e.code === 40 && e.status === 400 && /Checksum doesn't match/.test(e.message));
  const zstd = Buffer.from(framed);
  zstd[16] = 0x90;
  // re-checksum so only the method is wrong
  require('../lib/cityhash128').checksumBytes(zstd, 16, zstd.length - 16).copy(zstd, 0);
  await assert.rejects(decodeAll(zstd), (e) => e.code === 89 && /ZSTD/.test(e.message) && /decompress/.test(e.message));
  await assert.rejects(decodeAll(framed.subarray(0, framed.length - 3)), (e) => e.code === 33);
});
