'use strict';
// Data survives a restart on the same data directory; SIGTERM exits 0.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { startServer, sql, makeDataDir } = require('./helpers');

test('tables and rows persist across a restart', async () => {
  const dataDir = makeDataDir();
  try {
    let srv = await startServer({ dataDir });
    assert.equal((await sql(srv.port, 'CREATE TABLE kept (x UInt32) ENGINE = MergeTree ORDER BY x')).status, 200);
    assert.equal((await sql(srv.port, 'INSERT INTO kept SELECT number FROM numbers(1000)')).status, 200);
    assert.equal(await srv.stop(), 0);
    srv = await startServer({ dataDir });
    assert.equal((await sql(srv.port, 'SELECT count(), sum(x) FROM kept')).text, '1000\t499500\n');
    assert.equal(await srv.stop(), 0);
    assert.match(srv.child.log, /SIGTERM received/);
    assert.match(srv.child.log, /stopped/);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
