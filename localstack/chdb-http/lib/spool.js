'use strict';
/**
 * Holds the rows of one INSERT while the request body arrives: in memory up to
 * `spillBytes`, then in a temp file (never the whole body in memory). The
 * file is handed to the engine as `INSERT ... FROM INFILE` and removed after
 * the request.
 */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { ClickHouseError, CODES } = require('./errors');

class Spool {
  constructor({ tmpDir, spillBytes, maxBytes }) {
    this.tmpDir = tmpDir;
    this.spillBytes = spillBytes;
    this.maxBytes = maxBytes;
    this.chunks = [];
    this.size = 0;
    this.file = null;
    this.fd = null;
  }

  /** Append a chunk (awaits the disk once spilled). */
  async write(chunk) {
    if (!chunk.length) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw tooLarge(this.maxBytes);
    if (this.fd === null) {
      this.chunks.push(chunk);
      if (this.size > this.spillBytes) await this.spill();
      return;
    }
    await writeAll(this.fd, chunk);
  }

  async spill() {
    this.file = path.join(this.tmpDir, `body-${process.pid}-${crypto.randomUUID()}.bin`);
    this.fd = await fs.promises.open(this.file, 'wx', 0o600);
    const pending = this.chunks;
    this.chunks = [];
    for (const c of pending) await writeAll(this.fd, c);
  }

  /** Force the data into a file (used when the statement needs INFILE). */
  async toFile() {
    if (this.fd === null) await this.spill();
    return this.finish();
  }

  /** Finish writing; returns { buffer } or { file, size }. */
  async finish() {
    if (this.fd !== null) {
      await this.fd.close();
      this.fd = null;
      return { file: this.file, size: this.size };
    }
    const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks = [buffer];
    return { buffer, size: this.size };
  }

  /** Remove the temp file, if any. Safe to call more than once. */
  async cleanup() {
    this.chunks = [];
    if (this.fd !== null) { await this.fd.close().catch(() => {}); this.fd = null; }
    if (this.file) {
      const f = this.file;
      this.file = null;
      await fs.promises.unlink(f).catch(() => {});
    }
  }
}

async function writeAll(fd, chunk) {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fd.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}

function tooLarge(maxBytes) {
  return new ClickHouseError(CODES.QUERY_IS_TOO_LARGE,
    `Request body is larger than the limit of this local server (${maxBytes} bytes, option --max-body-bytes). ` +
    'Send smaller batches or start the server with a larger --max-body-bytes', { status: 413 });
}

module.exports = { Spool, tooLarge };
