'use strict';
/**
 * The two kinds of compression of ClickHouse's HTTP interface:
 *
 * 1. ClickHouse's own block framing (`compress=1` for responses, `decompress=1`
 *    for request bodies). The stream is a sequence of blocks:
 *
 *      [16 bytes] CityHash128 v1.0.2 of everything that follows in this block
 *                 (low 64-bit word first, both little-endian)
 *      [1 byte]   method: 0x82 LZ4, 0x02 none, 0x90 ZSTD, ...
 *      [4 bytes]  UInt32 LE compressed size, INCLUDING these 9 header bytes
 *      [4 bytes]  UInt32 LE uncompressed size
 *      [...]      compressed payload (compressed size - 9 bytes)
 *
 * 2. Standard HTTP Content-Encoding / Accept-Encoding (`enable_http_compression=1`).
 */

const { Transform } = require('stream');
const zlib = require('zlib');
const { checksumBytes } = require('./cityhash128');
const lz4 = require('./lz4');
const { ClickHouseError, CODES } = require('./errors');

const METHOD_NONE = 0x02;
const METHOD_LZ4 = 0x82;
const METHOD_ZSTD = 0x90;
const CHECKSUM_SIZE = 16;
const HEADER_SIZE = 9;
/** Block size clickhouse-server uses for compressed HTTP output (max_compress_block_size). */
const BLOCK_SIZE = 1024 * 1024;
/** Refuse absurd block headers instead of trying to buffer them. */
const MAX_BLOCK_SIZE = 1024 * 1024 * 1024;

/** Encode raw[start, end) as one LZ4 block with header and checksum. */
function encodeBlock(raw, start = 0, end = raw.length) {
  const payload = lz4.compressBlock(raw, start, end);
  const out = Buffer.allocUnsafe(CHECKSUM_SIZE + HEADER_SIZE + payload.length);
  out[CHECKSUM_SIZE] = METHOD_LZ4;
  out.writeUInt32LE(HEADER_SIZE + payload.length, CHECKSUM_SIZE + 1);
  out.writeUInt32LE(end - start, CHECKSUM_SIZE + 5);
  payload.copy(out, CHECKSUM_SIZE + HEADER_SIZE);
  checksumBytes(out, CHECKSUM_SIZE, out.length - CHECKSUM_SIZE).copy(out, 0);
  return out;
}

/** Encode a whole buffer as a sequence of blocks of at most BLOCK_SIZE raw bytes. */
function encodeFramed(raw, blockSize = BLOCK_SIZE) {
  const parts = [];
  for (let off = 0; off < raw.length; off += blockSize) {
    parts.push(encodeBlock(raw, off, Math.min(raw.length, off + blockSize)));
  }
  return parts;
}

function framingError(code, message) {
  // A malformed request body is the client's fault: answer 400, with
  // ClickHouse's error code and a message that names the URL option involved.
  return new ClickHouseError(code, message, { status: 400 });
}

/** Decode a single complete block (checksum + header + payload). */
function decodeBlock(block) {
  const expected = checksumBytes(block, CHECKSUM_SIZE, block.length - CHECKSUM_SIZE);
  if (!expected.equals(block.subarray(0, CHECKSUM_SIZE))) {
    throw framingError(CODES.CHECKSUM_DOESNT_MATCH,
      'Checksum doesn\'t match: corrupted data in the compressed request body ' +
      `(expected ${expected.toString('hex')}, got ${block.subarray(0, CHECKSUM_SIZE).toString('hex')}). ` +
      'The body of a request with decompress=1 must use ClickHouse\'s compressed block framing (CityHash128 v1.0.2 checksums)');
  }
  const method = block[CHECKSUM_SIZE];
  const rawSize = block.readUInt32LE(CHECKSUM_SIZE + 5);
  const payloadStart = CHECKSUM_SIZE + HEADER_SIZE;
  if (method === METHOD_LZ4) {
    try {
      return lz4.decompressBlock(block, payloadStart, block.length, rawSize);
    } catch (e) {
      throw framingError(CODES.CANNOT_DECOMPRESS, `Cannot decompress LZ4 block of the request body: ${e.message}`);
    }
  }
  if (method === METHOD_NONE) {
    if (block.length - payloadStart !== rawSize) {
      throw framingError(CODES.CORRUPTED_DATA, 'Uncompressed block size does not match its header');
    }
    return block.subarray(payloadStart);
  }
  if (method === METHOD_ZSTD) {
    throw framingError(CODES.UNKNOWN_COMPRESSION_METHOD,
      'Unknown compression method 0x90 (ZSTD) in the request body: this local server decodes only LZ4 (0x82) ' +
      'and uncompressed (0x02) blocks. Configure the client to compress requests with LZ4 ' +
      '(client-v2: compression method LZ4 — the default) or disable request compression (decompress=0 / compress_client_request=false)');
  }
  throw framingError(CODES.UNKNOWN_COMPRESSION_METHOD,
    `Unknown compression method 0x${method.toString(16).padStart(2, '0')} in the request body with decompress=1 ` +
    '(supported: 0x82 LZ4, 0x02 none). Send the body uncompressed (drop decompress=1) or LZ4-framed');
}

/**
 * Transform stream turning a decompress=1 request body into raw bytes, block by
 * block, so a large compressed insert never has to be held in memory whole.
 */
class FramedDecoder extends Transform {
  constructor() {
    super();
    this.pending = [];
    this.pendingBytes = 0;
  }

  _transform(chunk, _enc, cb) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    try {
      this.drainBlocks();
      cb();
    } catch (e) {
      cb(e);
    }
  }

  _flush(cb) {
    if (this.pendingBytes !== 0) {
      cb(framingError(CODES.CANNOT_READ_ALL_DATA,
        `Truncated compressed request body: ${this.pendingBytes} trailing bytes do not form a complete block`));
      return;
    }
    cb();
  }

  drainBlocks() {
    for (;;) {
      if (this.pendingBytes < CHECKSUM_SIZE + HEADER_SIZE) return;
      const head = this.peek(CHECKSUM_SIZE + HEADER_SIZE);
      const compressedSize = head.readUInt32LE(CHECKSUM_SIZE + 1);
      const rawSize = head.readUInt32LE(CHECKSUM_SIZE + 5);
      if (compressedSize < HEADER_SIZE || compressedSize > MAX_BLOCK_SIZE || rawSize > MAX_BLOCK_SIZE) {
        throw framingError(CODES.TOO_LARGE_SIZE_COMPRESSED,
          `Invalid compressed block header in the request body (compressed size ${compressedSize}, ` +
          `uncompressed size ${rawSize}); is the body really sent with ClickHouse's framing (decompress=1)?`);
      }
      const blockSize = CHECKSUM_SIZE + compressedSize;
      if (this.pendingBytes < blockSize) return;
      const block = this.take(blockSize);
      const raw = decodeBlock(block);
      if (raw.length) this.push(raw);
    }
  }

  peek(n) {
    if (this.pending[0].length >= n) return this.pending[0];
    const all = Buffer.concat(this.pending);
    this.pending = [all];
    return all;
  }

  take(n) {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    const block = all.subarray(0, n);
    const rest = all.subarray(n);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return block;
  }
}

// ---- HTTP Content-Encoding -------------------------------------------------

const HTTP_DECODERS = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};
if (typeof zlib.createZstdDecompress === 'function') HTTP_DECODERS.zstd = () => zlib.createZstdDecompress();

/** A decoding stream for the request's Content-Encoding, or null for identity. */
function requestDecoder(contentEncoding) {
  const enc = String(contentEncoding || '').trim().toLowerCase();
  if (!enc || enc === 'identity' || enc === 'none') return null;
  const make = HTTP_DECODERS[enc];
  if (!make) {
    throw new ClickHouseError(CODES.UNKNOWN_COMPRESSION_METHOD,
      `Unknown or unsupported Content-Encoding '${enc}' of the request body: this local server ` +
      `(Node ${process.version}) decodes only ${Object.keys(HTTP_DECODERS).join(', ')}. ` +
      'Send the body uncompressed or gzip-encoded, or use ClickHouse\'s LZ4 framing with decompress=1 ' +
      '(client-v2: keep use_http_compression=false, the default)', { status: 415 });
  }
  return make();
}

/**
 * Pick a response Content-Encoding from Accept-Encoding (only consulted when
 * enable_http_compression=1, as in ClickHouse). Returns null when none of the
 * offered encodings is available here; the response is then sent unencoded,
 * which HTTP allows and clients handle (no Content-Encoding header).
 */
function chooseResponseEncoding(acceptEncoding) {
  const offered = String(acceptEncoding || '').toLowerCase().split(',').map((s) => s.split(';')[0].trim());
  for (const enc of ['gzip', 'deflate', 'br']) {
    if (offered.includes(enc)) return enc;
  }
  return null;
}

/** Compress a whole response body for the chosen Content-Encoding. */
function encodeHttp(enc, buf, level) {
  const opts = Number.isFinite(level) ? { level } : {};
  if (enc === 'gzip') return zlib.gzipSync(buf, opts);
  if (enc === 'deflate') return zlib.deflateSync(buf, opts);
  if (enc === 'br') return zlib.brotliCompressSync(buf);
  return buf;
}

module.exports = {
  encodeBlock, encodeFramed, decodeBlock, FramedDecoder,
  requestDecoder, chooseResponseEncoding, encodeHttp,
  METHOD_LZ4, METHOD_NONE, METHOD_ZSTD, BLOCK_SIZE,
};
