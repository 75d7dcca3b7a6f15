'use strict';
// The HTTP interface against a real server process (random port, temp data dir).

const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('zlib');
const fs = require('fs');
const path = require('path');
const { startServer, request, sql } = require('./helpers');
const compression = require('../lib/compression');

let srv;
let port;

test.before(async () => {
  srv = await startServer({ args: ['--max-body-bytes', String(2 * 1024 * 1024), '--spill-bytes', '65536'] });
  port = srv.port;
  const r = await sql(port, 'CREATE TABLE events (id UInt32, model LowCardinality(String), ts DateTime64(3), cost Float64, tags Array(String), note Nullable(String)) ENGINE = MergeTree ORDER BY id');
  assert.equal(r.status, 200, r.text);
});

test.after(async () => {
  const code = await srv.stop();
  assert.equal(code, 0, 'clean exit on SIGTERM');
  fs.rmSync(srv.dataDir, { recursive: true, force: true });
});

function decodeFramed(buf) {
  return new Promise((resolve, reject) => {
    const d = new compression.FramedDecoder();
    const out = [];
    d.on('data', (c) => out.push(c));
    d.on('end', () => resolve(Buffer.concat(out)));
    d.on('error', reject);
    d.end(buf);
  });
}

/** RowBinary encoding of (id UInt32, model String, ts DateTime64(3), cost Float64, tags Array(String), note Nullable(String)) */
function rowBinary(rows) {
  const parts = [];
  const str = (s) => { const b = Buffer.from(s, 'utf8'); parts.push(varint(b.length), b); };
  for (const r of rows) {
    const fixed = Buffer.alloc(4); fixed.writeUInt32LE(r.id); parts.push(fixed);
    str(r.model);
    const ts = Buffer.alloc(8); ts.writeBigInt64LE(BigInt(r.tsMs)); parts.push(ts);
    const c = Buffer.alloc(8); c.writeDoubleLE(r.cost); parts.push(c);
    parts.push(varint(r.tags.length)); r.tags.forEach(str);
    if (r.note === null) parts.push(Buffer.from([1])); else { parts.push(Buffer.from([0])); str(r.note); }
  }
  return Buffer.concat(parts);
}
function varint(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}

test('GET /ping, GET / and /replicas_status answer Ok.', async () => {
  for (const p of ['/ping', '/', '/replicas_status']) {
    const r = await request(port, { method: 'GET', path: p });
    assert.equal(r.status, 200);
    assert.equal(r.text, 'Ok.\n');
  }
  const r = await request(port, { method: 'GET', path: '/nope' });
  assert.equal(r.status, 404);
});

test('SELECT in common formats, with ClickHouse response headers', async () => {
  const q = "SELECT number AS n, toString(number) AS s FROM numbers(3)";
  const cases = {
    TabSeparated: ['0\t0\n1\t1\n2\t2\n', 'text/tab-separated-values; charset=UTF-8'],
    TSVWithNames: ['n\ts\n0\t0\n1\t1\n2\t2\n', 'text/tab-separated-values; charset=UTF-8'],
    CSV: ['0,"0"\n1,"1"\n2,"2"\n', 'text/csv; charset=UTF-8; header=absent'],
    CSVWithNames: ['"n","s"\n0,"0"\n1,"1"\n2,"2"\n', 'text/csv; charset=UTF-8; header=present'],
    JSONEachRow: ['{"n":0,"s":"0"}\n{"n":1,"s":"1"}\n{"n":2,"s":"2"}\n', null],
    JSONCompactEachRow: ['[0, "0"]\n[1, "1"]\n[2, "2"]\n', null],
  };
  for (const [fmt, [expected, ct]] of Object.entries(cases)) {
    const r = await sql(port, `${q} FORMAT ${fmt}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, expected, fmt);
    if (ct) assert.equal(r.headers['content-type'], ct);
    assert.equal(r.headers['x-clickhouse-format'], fmt === 'TSVWithNames' ? 'TabSeparatedWithNames' : fmt);
  }
  const json = await sql(port, `${q} FORMAT JSON`);
  const parsed = JSON.parse(json.text);
  assert.equal(parsed.rows, 3);
  assert.deepEqual(parsed.meta.map((m) => m.name), ['n', 's']);
  assert.equal(json.headers['content-type'], 'application/json; charset=UTF-8');

  // default_format parameter and X-ClickHouse-Format request header
  const d = await sql(port, q, { default_format: 'CSV' });
  assert.equal(d.text, '0,"0"\n1,"1"\n2,"2"\n');
  assert.equal(d.headers['x-clickhouse-format'], 'CSV');
  const h = await sql(port, q, {}, { headers: { 'X-ClickHouse-Format': 'JSONCompactEachRow' } });
  assert.equal(h.text, '[0, "0"]\n[1, "1"]\n[2, "2"]\n');

  // RowBinaryWithNamesAndTypes (what the Java client reads)
  const rb = await sql(port, 'SELECT toUInt8(7) AS x', { default_format: 'RowBinaryWithNamesAndTypes' });
  assert.deepEqual([...rb.body], [1, 1, 0x78, 5, ...Buffer.from('UInt8'), 7]);
  assert.equal(rb.headers['content-type'], 'application/octet-stream');

  // the other headers
  assert.match(d.headers['x-clickhouse-query-id'], /^[0-9a-f-]{36}$/);
  assert.ok(d.headers['x-clickhouse-timezone']);
  assert.ok(d.headers['x-clickhouse-server-display-name']);
  const summary = JSON.parse(d.headers['x-clickhouse-summary']);
  for (const k of ['read_rows', 'read_bytes', 'written_rows', 'written_bytes', 'total_rows_to_read', 'result_rows', 'result_bytes', 'elapsed_ns']) {
    assert.equal(typeof summary[k], 'string', k);
  }
  assert.equal(summary.result_rows, '3');
  const withId = await request(port, { method: 'GET', query: { query: 'SELECT 1', query_id: 'my-query-1' } });
  assert.equal(withId.headers['x-clickhouse-query-id'], 'my-query-1');
  assert.equal(withId.text, '1\n');
});

test('query in the URL plus body, GET with query', async () => {
  const r = await request(port, { method: 'POST', query: { query: 'SELECT 1 +' }, body: '41' });
  assert.equal(r.text, '42\n');
  const g = await request(port, { method: 'GET', query: { query: "SELECT 'x' FORMAT CSV" } });
  assert.equal(g.text, '"x"\n');
});

test('server-side parameters: strings, numbers, dates, arrays, nullable', async () => {
  const r = await sql(port,
    'SELECT {s:String} AS s, {n:UInt64} + 1 AS n, {f:Float64} AS f, {d:Date} AS d, {t:DateTime64(3)} AS t, {a:Array(String)} AS a, {z:Nullable(Int32)} AS z FORMAT JSONEachRow',
    { param_s: "it's a \\t tab", param_n: '41', param_f: '2.5', param_d: '2026-01-02', param_t: '2026-01-02 03:04:05.678', param_a: "['x','y''z']", param_z: '\\N' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(JSON.parse(r.text), { s: "it's a \t tab", n: 42, f: 2.5, d: '2026-01-02', t: '2026-01-02 03:04:05.678', a: ['x', "y'z"], z: null });
  const missing = await sql(port, 'SELECT {q:String}');
  assert.equal(missing.status, 500);
  assert.equal(missing.headers['x-clickhouse-exception-code'], '456');
});

test('database parameter and X-ClickHouse-Database header select the current database', async () => {
  assert.equal((await sql(port, 'CREATE DATABASE IF NOT EXISTS analytics')).status, 200);
  assert.equal((await sql(port, 'CREATE TABLE analytics.t (x UInt8) ENGINE = Memory')).status, 200);
  assert.equal((await sql(port, 'INSERT INTO t VALUES (5)', { database: 'analytics' })).status, 200);
  assert.equal((await sql(port, 'SELECT currentDatabase(), sum(x) FROM t', { database: 'analytics' })).text, 'analytics\t5\n');
  assert.equal((await sql(port, 'SELECT currentDatabase()', {}, { headers: { 'X-ClickHouse-Database': 'analytics' } })).text, 'analytics\n');
  // not sticky
  assert.equal((await sql(port, 'SELECT currentDatabase()')).text, 'default\n');
  const bad = await sql(port, 'SELECT 1', { database: 'no_such_db' });
  assert.equal(bad.status, 404);
  assert.equal(bad.headers['x-clickhouse-exception-code'], '81');
  // USE inside a request does not leak either
  await sql(port, 'USE analytics');
  assert.equal((await sql(port, 'SELECT currentDatabase()')).text, 'default\n');
});

test('settings apply to one request only; unknown settings fail with UNKNOWN_SETTING', async () => {
  const a = await sql(port, "SELECT getSetting('max_threads'), getSetting('output_format_json_quote_64bit_integers')",
    { max_threads: '1', output_format_json_quote_64bit_integers: '1' });
  assert.equal(a.text, '1\ttrue\n');
  const b = await sql(port, "SELECT getSetting('max_threads') = 1, getSetting('output_format_json_quote_64bit_integers')");
  assert.equal(b.text, '0\tfalse\n', 'settings do not leak into the next request');
  const u = await sql(port, 'SELECT 1', { no_such_setting: '1' });
  assert.equal(u.status, 404);
  assert.equal(u.headers['x-clickhouse-exception-code'], '115');
  assert.match(u.text, /^Code: 115\. DB::Exception: Unknown setting 'no_such_setting'.*\(UNKNOWN_SETTING\) \(version 26\./);
  // a SET statement in a request is also undone afterwards
  await sql(port, 'SET max_threads = 1');
  assert.equal((await sql(port, "SELECT getSetting('max_threads') = 1")).text, '0\n');
  // session_timezone shows in X-ClickHouse-Timezone
  const tz = await sql(port, 'SELECT timezone()', { session_timezone: 'Asia/Tokyo' });
  assert.equal(tz.text, 'Asia/Tokyo\n');
  assert.equal(tz.headers['x-clickhouse-timezone'], 'Asia/Tokyo');
});

test('errors: status mapping, exception code header and ClickHouse body', async () => {
  const syntax = await sql(port, 'SELEC 1');
  assert.equal(syntax.status, 400);
  assert.equal(syntax.headers['x-clickhouse-exception-code'], '62');
  assert.match(syntax.text, /^Code: 62\. DB::Exception: Syntax error.*\(SYNTAX_ERROR\) \(version 26\.[\d.]+\)\n$/s);
  const table = await sql(port, 'SELECT * FROM missing_table');
  assert.equal(table.status, 404);
  assert.equal(table.headers['x-clickhouse-exception-code'], '60');
  const thrown = await sql(port, "SELECT throwIf(1, 'boom')");
  assert.equal(thrown.status, 500);
  assert.equal(thrown.headers['x-clickhouse-exception-code'], '395');
  const multi = await sql(port, 'SELECT 1; SELECT 2');
  assert.equal(multi.status, 400);
  assert.match(multi.text, /Multi-statements are not allowed/);
  assert.equal((await sql(port, 'SELECT 1;')).text, '1\n', 'a trailing semicolon is fine');
  const empty = await sql(port, '');
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Empty query/);
  for (const r of [syntax, table, thrown, multi, empty]) {
    assert.ok(r.body.length > 0, 'never an empty error body');
    assert.equal(r.headers['content-type'], 'text/plain; charset=UTF-8');
  }
});

test('compress=1: response in ClickHouse block framing (data and errors)', async () => {
  const r = await sql(port, 'SELECT number FROM numbers(100000) FORMAT TSV', { compress: '1' });
  assert.equal(r.status, 200);
  assert.equal(r.body[16], 0x82);
  const text = (await decodeFramed(r.body)).toString('utf8');
  assert.equal(text.split('\n').length, 100001);
  assert.ok(text.startsWith('0\n1\n2\n'));
  const err = await sql(port, 'SELECT * FROM missing_table', { compress: '1' });
  assert.equal(err.status, 404);
  assert.match((await decodeFramed(err.body)).toString(), /^Code: 60\./);
});

test('decompress=1: LZ4-framed request body (insert), bad checksum -> 400', async () => {
  const tsv = Buffer.from('100\tgpt\t2026-01-01 00:00:00.000\t1.5\t[\'a\']\t\\N\n101\tgpt\t2026-01-01 00:00:01.000\t2.5\t[]\tnote\n');
  const body = Buffer.concat(compression.encodeFramed(tsv));
  const r = await request(port, { method: 'POST', query: { query: 'INSERT INTO events FORMAT TSV', decompress: '1' }, body });
  assert.equal(r.status, 200, r.text);
  assert.equal(JSON.parse(r.headers['x-clickhouse-summary']).written_rows, '2');
  const bad = Buffer.from(body);
  bad[0] ^= 1;
  const e = await request(port, { method: 'POST', query: { query: 'INSERT INTO events FORMAT TSV', decompress: '1' }, body: bad });
  assert.equal(e.status, 400);
  assert.equal(e.headers['x-clickhouse-exception-code'], '40');
  assert.match(e.text, /Checksum doesn't match/);
  // the query itself may come compressed in the body as well
  const q = await request(port, { method: 'POST', query: { decompress: '1', compress: '1' }, body: Buffer.concat(compression.encodeFramed(Buffer.from('SELECT count() FROM events WHERE id IN (100, 101)'))) });
  assert.equal((await decodeFramed(q.body)).toString(), '2\n');
});

test('Content-Encoding gzip/deflate request bodies; Accept-Encoding with enable_http_compression', async () => {
  const gz = await request(port, { method: 'POST', headers: { 'Content-Encoding': 'gzip' }, body: zlib.gzipSync('SELECT 40 + 2') });
  assert.equal(gz.text, '42\n');
  const df = await request(port, { method: 'POST', headers: { 'Content-Encoding': 'deflate' }, body: zlib.deflateSync('SELECT 43') });
  assert.equal(df.text, '43\n');
  const unsupported = await request(port, { method: 'POST', headers: { 'Content-Encoding': 'lz4' }, body: 'xx' });
  assert.equal(unsupported.status, 415);
  assert.match(unsupported.text, /Content-Encoding 'lz4'/);
  const resp = await request(port, { method: 'POST', query: { enable_http_compression: '1' }, headers: { 'Accept-Encoding': 'gzip' }, body: 'SELECT 7' });
  assert.equal(resp.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(resp.body).toString(), '7\n');
  const plain = await request(port, { method: 'POST', headers: { 'Accept-Encoding': 'gzip' }, body: 'SELECT 8' });
  assert.equal(plain.headers['content-encoding'], undefined, 'no HTTP compression unless enable_http_compression=1');
});

test('binary rows holding two newline bytes in a row are read whole', async () => {
  await sql(port, 'CREATE TABLE ins_nl (id UInt32, model String, ts DateTime64(3), cost Float64, tags Array(String), note Nullable(String)) ENGINE = MergeTree ORDER BY id');
  // 2570 is 0a 0a 00 00 in little-endian: the engine's in-memory insert took it for the end of the rows
  const rows = [
    { id: 1, model: 'a', tsMs: 1767225600123, cost: 0.5, tags: [], note: null },
    { id: 2570, model: '\n\n', tsMs: 1767225600123, cost: 0.5, tags: ['\n\n'], note: '\n\n' },
  ];
  for (const format of ['RowBinary', 'RowBinaryWithDefaults']) {
    const body = format === 'RowBinary' ? rowBinary(rows)
      : Buffer.concat(rows.map((r) => withDefaultsMarkers(rowBinary([r]), r)));
    const r = await request(port, { method: 'POST', query: { query: `INSERT INTO ins_nl FORMAT ${format}` }, body });
    assert.equal(r.status, 200, `${format}: ${r.text}`);
  }
  const back = await sql(port, 'SELECT id, model, tags, note FROM ins_nl ORDER BY id FORMAT JSONCompactEachRow');
  assert.equal(back.text, [
    '[1, "a", [], null]', '[1, "a", [], null]',
    '[2570, "\\n\\n", ["\\n\\n"], "\\n\\n"]', '[2570, "\\n\\n", ["\\n\\n"], "\\n\\n"]', ''].join('\n'));
});

/** RowBinaryWithDefaults of one row: a 0 (value follows) before each of the six columns of rowBinary(). */
function withDefaultsMarkers(_, r) {
  const parts = [];
  const zero = () => parts.push(Buffer.from([0]));
  const str = (s) => { const b = Buffer.from(s, 'utf8'); parts.push(varint(b.length), b); };
  zero(); const id = Buffer.alloc(4); id.writeUInt32LE(r.id); parts.push(id);
  zero(); str(r.model);
  zero(); const ts = Buffer.alloc(8); ts.writeBigInt64LE(BigInt(r.tsMs)); parts.push(ts);
  zero(); const c = Buffer.alloc(8); c.writeDoubleLE(r.cost); parts.push(c);
  zero(); parts.push(varint(r.tags.length)); r.tags.forEach(str);
  zero(); if (r.note === null) parts.push(Buffer.from([1])); else { parts.push(Buffer.from([0])); str(r.note); }
  return Buffer.concat(parts);
}

test('inserts: RowBinary, TSV, JSONEachRow, VALUES, query in body, large body spilled to a temp file', async () => {
  await sql(port, 'CREATE TABLE ins (id UInt32, model String, ts DateTime64(3), cost Float64, tags Array(String), note Nullable(String)) ENGINE = MergeTree ORDER BY id');
  const rows = [
    { id: 10, model: 'gpt', tsMs: 1767225600123, cost: 0.5, tags: ['a', 'b'], note: null },
    { id: 32, model: 'ünï', tsMs: 1767225601000, cost: 1.25, tags: [], note: 'x\ty' },
  ];
  // first byte of the rows is 0x0a: must not be taken for the separator newline
  let r = await request(port, { method: 'POST', query: { query: 'INSERT INTO ins FORMAT RowBinary' }, body: rowBinary(rows) });
  assert.equal(r.status, 200, r.text);
  assert.equal(JSON.parse(r.headers['x-clickhouse-summary']).written_rows, '2');
  // query and rows in the body
  r = await request(port, { method: 'POST', body: Buffer.concat([Buffer.from('INSERT INTO ins (id, model, ts, cost, tags, note) FORMAT TSV\n'), Buffer.from('40\tm\t2026-01-01 00:00:00\t2\t[]\t\\N\n')]) });
  assert.equal(r.status, 200, r.text);
  r = await request(port, { method: 'POST', query: { query: 'INSERT INTO ins FORMAT JSONEachRow' }, body: '{"id":50,"model":"j","ts":"2026-01-01 00:00:00","cost":3,"tags":["q"],"note":"n"}\n{"id":51,"model":"j","ts":"2026-01-01 00:00:00","cost":3,"tags":[],"note":null}\n' });
  assert.equal(r.status, 200, r.text);
  r = await sql(port, "INSERT INTO ins SETTINGS async_insert = 0 VALUES (60, 'v', '2026-01-01 00:00:00', 4, ['z'], NULL)");
  assert.equal(r.status, 200, r.text);
  const rows2 = await sql(port, 'SELECT id, model, toUnixTimestamp64Milli(ts), cost, tags, note FROM ins ORDER BY id FORMAT JSONCompactEachRow');
  assert.equal(rows2.text, [
    '[10, "gpt", 1767225600123, 0.5, ["a","b"], null]',
    '[32, "ünï", 1767225601000, 1.25, [], "x\\ty"]',
    '[40, "m", 1767225600000, 2, [], null]',
    '[50, "j", 1767225600000, 3, ["q"], "n"]',
    '[51, "j", 1767225600000, 3, [], null]',
    '[60, "v", 1767225600000, 4, ["z"], null]', ''].join('\n'));
  // a body above --spill-bytes (64 KiB here) goes through a temp file, which is removed afterwards
  const many = [];
  for (let i = 0; i < 20000; i++) many.push({ id: 1000 + i, model: `m${i % 5}`, tsMs: 1767225600000 + i, cost: i / 4, tags: ['t'], note: i % 2 ? null : 'even' });
  const big = rowBinary(many);
  assert.ok(big.length > 65536);
  r = await request(port, { method: 'POST', query: { query: 'INSERT INTO ins FORMAT RowBinary' }, body: big });
  assert.equal(r.status, 200, r.text);
  assert.equal(JSON.parse(r.headers['x-clickhouse-summary']).written_rows, '20000');
  assert.equal((await sql(port, 'SELECT count(), sum(cost) FROM ins WHERE id >= 1000')).text, `20000\t${many.reduce((s, x) => s + x.cost, 0)}\n`);
  assert.deepEqual(fs.readdirSync(path.join(srv.dataDir, 'tmp', 'http-bodies')), [], 'temp files removed');
  // INSERT ... SELECT runs as an ordinary statement
  r = await sql(port, 'INSERT INTO ins SELECT number + 100000, \'s\', now64(3), 0, [], NULL FROM numbers(5)');
  assert.equal(r.status, 200, r.text);
  assert.equal((await sql(port, 'SELECT count() FROM ins WHERE id >= 100000')).text, '5\n');
  // bad rows: ClickHouse's parse error
  r = await request(port, { method: 'POST', query: { query: 'INSERT INTO ins (id) FORMAT TSV' }, body: 'notanumber\n' });
  assert.equal(r.status, 400);
  assert.equal(r.headers['x-clickhouse-exception-code'], '27');
});

test('GET refuses writes with READONLY (164)', async () => {
  const r = await request(port, { method: 'GET', query: { query: 'CREATE TABLE g (x UInt8) ENGINE = Memory' } });
  assert.equal(r.status, 500);
  assert.equal(r.headers['x-clickhouse-exception-code'], '164');
  assert.match(r.text, /method GET implies readonly/);
  const i = await request(port, { method: 'GET', query: { query: 'INSERT INTO events (id) VALUES (1)' } });
  assert.equal(i.headers['x-clickhouse-exception-code'], '164');
  // settings can still be changed over GET
  const s = await request(port, { method: 'GET', query: { query: "SELECT getSetting('max_threads')", max_threads: '1' } });
  assert.equal(s.text, '1\n');
});

test('oversized body -> 413 with a clear message', async () => {
  const big = Buffer.alloc(3 * 1024 * 1024, 0x31);
  const r = await request(port, { method: 'POST', query: { query: 'INSERT INTO events (id) FORMAT TSV' }, body: big });
  assert.equal(r.status, 413);
  assert.match(r.text, /--max-body-bytes/);
  // still serving afterwards
  assert.equal((await sql(port, 'SELECT 1')).text, '1\n');
  // chunked (no Content-Length) bodies are counted as they arrive
  const chunked = await new Promise((resolve, reject) => {
    const http = require('http');
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/?query=INSERT%20INTO%20events%20(id)%20FORMAT%20TSV', agent: false }, (res) => {
      const parts = []; res.on('data', (c) => parts.push(c)); res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    for (let i = 0; i < 24; i++) req.write(Buffer.alloc(128 * 1024, 0x31));
    req.end();
  });
  assert.equal(chunked.status, 413);
});

test('authentication: wrong user/password -> 516 / 403, all credential forms', async () => {
  const basic = (u, p) => ({ Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
  assert.equal((await request(port, { method: 'POST', headers: basic('default', ''), body: 'SELECT 1' })).status, 200);
  const bad = await request(port, { method: 'POST', headers: basic('default', 'wrong'), body: 'SELECT 1' });
  assert.equal(bad.status, 403);
  assert.equal(bad.headers['x-clickhouse-exception-code'], '516');
  assert.match(bad.text, /Authentication failed/);
  assert.equal((await request(port, { method: 'POST', headers: { 'X-ClickHouse-User': 'bob' }, body: 'SELECT 1' })).status, 403);
  assert.equal((await request(port, { method: 'POST', query: { user: 'default', password: 'x' }, body: 'SELECT 1' })).status, 403);
  const compressedAuthError = await request(port, { method: 'POST', query: { compress: '1' }, headers: basic('x', 'y'), body: 'SELECT 1' });
  assert.match(compressedAuthError.text, /^Code: 516\./, 'authentication errors are never framed');
});

test('unsupported interface features fail loudly', async () => {
  const s = await sql(port, 'SELECT 1', { session_id: 'abc' });
  assert.equal(s.status, 501);
  assert.match(s.text, /session_id/);
});

test('concurrency: 20 parallel requests are all answered correctly', async () => {
  const jobs = [];
  for (let i = 0; i < 20; i++) {
    if (i % 4 === 0) {
      jobs.push(request(port, { method: 'POST', query: { query: 'INSERT INTO events (id, model) FORMAT TSV' }, body: `${5000 + i}\tpar\n` })
        .then((r) => assert.equal(r.status, 200, r.text)));
    } else {
      jobs.push(sql(port, `SELECT ${i} * 2, getSetting('max_threads') = ${i % 3 === 0 ? 1 : 'getSetting(\'max_threads\')'}`, i % 3 === 0 ? { max_threads: '1' } : {})
        .then((r) => assert.equal(r.text, `${i * 2}\t1\n`)));
    }
  }
  await Promise.all(jobs);
  assert.equal((await sql(port, "SELECT count() FROM events WHERE model = 'par'")).text, '5\n');
});
