'use strict';
/**
 * Insert throughput: N rows of an 11-column token-usage table in RowBinary,
 *   (a) POSTed to chdb-http (INSERT ... FORMAT RowBinary, as client-v2 sends it),
 *   (b) the same with decompress=1 (ClickHouse LZ4 framing, as with client request compression),
 *   (c) loaded directly with INSERT ... FROM INFILE in an embedded chDB session (the local ceiling).
 *
 *   node bench/insert-throughput.js [rows=1000000]
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { startServer, makeDataDir } = require('../test/helpers');
const compression = require('../lib/compression');

const ROWS = Number(process.argv[2] || 1000000);
const DDL = `CREATE TABLE IF NOT EXISTS token_usage (
  ts DateTime64(3), tenant LowCardinality(String), model LowCardinality(String), provider LowCardinality(String),
  input_tokens UInt32, output_tokens UInt32, cached_tokens UInt32, latency_ms UInt32,
  cost_usd Float64, request_id UUID, region LowCardinality(String)) ENGINE = MergeTree ORDER BY (tenant, model, ts)`;

function rowBinary(n) {
  const tenants = ['acme', 'globex', 'initech', 'umbrella'].map((s) => Buffer.from(s));
  const models = ['gpt-4o', 'claude-3', 'llama-3', 'mistral-l', 'gemini-1'].map((s) => Buffer.from(s));
  const providers = ['openai', 'anthropic', 'meta', 'mistral'].map((s) => Buffer.from(s));
  const regions = ['eu-west-1', 'us-east-1'].map((s) => Buffer.from(s));
  const buf = Buffer.allocUnsafe(n * 120);
  let o = 0;
  const str = (b) => { buf[o++] = b.length; b.copy(buf, o); o += b.length; };
  const t0 = 1767225600000n;
  for (let i = 0; i < n; i++) {
    buf.writeBigInt64LE(t0 + BigInt(i), o); o += 8;
    str(tenants[i % 4]); str(models[i % 5]); str(providers[i % 4]);
    buf.writeUInt32LE(i % 4000, o); o += 4;
    buf.writeUInt32LE(i % 1500, o); o += 4;
    buf.writeUInt32LE(i % 300, o); o += 4;
    buf.writeUInt32LE(50 + (i % 2000), o); o += 4;
    buf.writeDoubleLE(i * 0.000013, o); o += 8;
    buf.writeBigUInt64LE(BigInt(i) * 2654435761n, o); o += 8; // UUID = two UInt64 halves
    buf.writeBigUInt64LE(BigInt(i), o); o += 8;
    str(regions[i % 2]);
  }
  return buf.subarray(0, o);
}

function post(port, pathAndQuery, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: pathAndQuery, agent: false,
      headers: { 'Content-Length': body.length } }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(label, fn) {
  const t = process.hrtime.bigint();
  await fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${label.padEnd(58)} ${s.toFixed(2)} s  ${Math.round(ROWS / s).toLocaleString('en-US')} rows/s`);
  return s;
}

async function main() {
  console.log(`${ROWS} rows, ${os.cpus().length} cores, Node ${process.version}`);
  const data = rowBinary(ROWS);
  console.log(`RowBinary payload: ${(data.length / 1e6).toFixed(1)} MB`);
  const framed = Buffer.concat(compression.encodeFramed(data));
  console.log(`LZ4-framed payload: ${(framed.length / 1e6).toFixed(1)} MB`);

  const srv = await startServer();
  try {
    const ddl = await post(srv.port, '/', Buffer.from(DDL));
    if (ddl.status !== 200) throw new Error(ddl.text);
    const q = encodeURIComponent('INSERT INTO token_usage FORMAT RowBinary');
    for (let round = 1; round <= 2; round++) {
      await timed(`HTTP POST RowBinary (round ${round})`, async () => {
        const r = await post(srv.port, `/?query=${q}`, data);
        if (r.status !== 200) throw new Error(r.text);
        if (JSON.parse(r.headers['x-clickhouse-summary']).written_rows !== String(ROWS)) throw new Error('row count');
      });
    }
    await timed('HTTP POST RowBinary, decompress=1 (LZ4 framing)', async () => {
      const r = await post(srv.port, `/?query=${q}&decompress=1`, framed);
      if (r.status !== 200) throw new Error(r.text);
    });
  } finally {
    await srv.stop();
    fs.rmSync(srv.dataDir, { recursive: true, force: true });
  }

  // Direct load in this process (no HTTP): the engine's own ceiling.
  const { Session } = require('chdb');
  const dir = makeDataDir();
  const file = path.join(dir, 'rows.bin');
  fs.writeFileSync(file, data);
  const session = new Session(path.join(dir, 'db'));
  try {
    await session.queryAsync(DDL);
    for (let round = 1; round <= 2; round++) {
      await timed(`direct INSERT ... FROM INFILE (round ${round})`, () =>
        session.queryAsync(`INSERT INTO token_usage FROM INFILE '${file}' FORMAT RowBinary`));
    }
  } finally {
    session.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
