'use strict';
// Users with one role each, from an access file: the engine checks every statement against the role's grants
// and applies the role's row policies.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { startServer, sql, makeDataDir } = require('./helpers');
const { checkAccess, rowFilters } = require('../lib/access');

const ADMIN = { user: 'admin', password: 'admin-password-1234' };

function auth(user, password) {
  return { headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } };
}

async function as(server, who, statement) {
  return sql(server.port, statement, {}, auth(who.user, who.password));
}

const READER = { user: 'reader', password: 'reader-password-1234' };
const WRITER = { user: 'writer', password: 'writer-password-1234' };
const LEAD = { user: 'lead', password: 'lead-password-12345' };

async function withServer(fn) {
  const dataDir = makeDataDir();
  const file = path.join(dataDir, 'access.json');
  fs.writeFileSync(file, JSON.stringify({
    roles: {
      app_reader: ['GRANT SELECT ON app.*'],
      app_writer: ['GRANT INSERT ON app.usage', 'GRANT SELECT ON app.marks'],
      app_lead: ['GRANT SELECT ON app.*'],
    },
    rowPolicies: [{ table: 'app.usage', role: 'app_lead', using: "team = 'platform'" }],
    users: {
      reader: { password: READER.password, role: 'app_reader' },
      writer: { password: WRITER.password, role: 'app_writer' },
      lead: { password_sha256_hex: crypto.createHash('sha256').update(LEAD.password).digest('hex'), role: 'app_lead' },
    },
  }));
  const server = await startServer({
    dataDir, args: ['--user', ADMIN.user, '--password', ADMIN.password, '--access-file', file],
  });
  try {
    for (const ddl of ['CREATE DATABASE app',
      'CREATE TABLE app.usage (team String, tokens UInt32) ENGINE = MergeTree ORDER BY team',
      'CREATE TABLE app.marks (id String) ENGINE = MergeTree ORDER BY id',
      "INSERT INTO app.usage VALUES ('platform', 10), ('search', 20)"]) {
      const r = await as(server, ADMIN, ddl);
      assert.equal(r.status, 200, r.text);
    }
    await fn(server);
  } finally {
    await server.stop();
  }
}

function denied(r) {
  assert.equal(r.headers['x-clickhouse-exception-code'], '497', r.text);
  assert.match(r.text, /Not enough privileges.*\(ACCESS_DENIED\)/);
}

test('a reader selects, and the engine refuses its writes and DDL', () => withServer(async (server) => {
  const r = await as(server, READER, 'SELECT sum(tokens) FROM app.usage');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, '30\n');
  denied(await as(server, READER, "INSERT INTO app.usage VALUES ('x', 1)"));
  denied(await as(server, READER, 'CREATE TABLE app.other (a UInt8) ENGINE = Memory'));
  denied(await as(server, READER, 'DROP TABLE app.usage'));
}));

test('a writer inserts into its table only, and reads only what it was granted', () => withServer(async (server) => {
  assert.equal((await as(server, WRITER, "INSERT INTO app.usage VALUES ('ads', 5)")).status, 200);
  assert.equal((await as(server, WRITER, 'SELECT count() FROM app.marks')).status, 200);
  denied(await as(server, WRITER, "INSERT INTO app.marks VALUES ('m')"));
  denied(await as(server, WRITER, 'SELECT count() FROM app.usage'));
  denied(await as(server, WRITER, 'TRUNCATE TABLE app.usage'));
  assert.equal((await as(server, ADMIN, 'SELECT sum(tokens) FROM app.usage')).text, '35\n');
}));

test('a role\'s row policy shows its user only the matching rows', () => withServer(async (server) => {
  assert.equal((await as(server, LEAD, 'SELECT team, sum(tokens) FROM app.usage GROUP BY team')).text, 'platform\t10\n');
  assert.equal((await as(server, READER, 'SELECT count() FROM app.usage')).text, '2\n');
  assert.equal((await as(server, ADMIN, 'SELECT count() FROM app.usage')).text, '2\n');
}));

test('a SET ROLE sent by a user does not outlive its request', () => withServer(async (server) => {
  await as(server, READER, 'SET ROLE chdb_http_admin');
  denied(await as(server, READER, "INSERT INTO app.usage VALUES ('x', 1)"));
  const r = await sql(server.port, "INSERT INTO app.usage VALUES ('x', 1)", { role: 'app_writer' }, auth(READER.user, READER.password));
  assert.equal(r.status, 501, r.text);
}));

test('a known user with a wrong password, or an unknown user, is refused', () => withServer(async (server) => {
  for (const who of [{ user: 'reader', password: WRITER.password }, { user: 'nobody', password: READER.password },
    { user: 'lead', password: crypto.createHash('sha256').update(LEAD.password).digest('hex') },
    { user: 'default', password: '' }]) {
    const r = await as(server, who, 'SELECT 1');
    assert.equal(r.status, 403);
    assert.equal(r.headers['x-clickhouse-exception-code'], '516');
  }
}));

test('an access file is checked whole, every error named', () => {
  assert.throws(() => checkAccess({
    roles: { r: ['GRANT SELECT ON db.* TO someone', 'DROP TABLE x'] },
    users: { u: { password: 'p', role: 'missing' }, v: { role: 'r' } },
    rowPolicies: [{ table: 'usage', role: 'r', using: 'team = 1' }],
  }), (e) => {
    for (const part of ['without TO', "'DROP TABLE x'", "role 'missing' is not declared", "user 'v': needs either a password",
      'table must be database.table']) {
      assert.ok(e.message.includes(part), `${part} missing in ${e.message}`);
    }
    return true;
  });
});

test('the row policies of one role on a table are permissive among themselves', () => {
  const f = rowFilters([
    { table: 'db.t', role: 'a', using: "team = 'x'" },
    { table: 'db.t', role: 'a', using: "team = 'y'" },
    { table: 'db.t', role: 'b', using: 'tokens > 0' },
  ]);
  assert.equal(f.get('db.t'),
    "(NOT has(currentRoles(), 'a') OR (team = 'x') OR (team = 'y')) AND (NOT has(currentRoles(), 'b') OR (tokens > 0))");
});
