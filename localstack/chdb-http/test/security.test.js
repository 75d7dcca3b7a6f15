'use strict';
// Runs without the chDB engine: the password comparison and the bind address check.
const test = require('node:test');
const assert = require('node:assert/strict');
const { sameSecret } = require('../lib/secrets');
const { parseArgs } = require('../lib/cli');

test('passwords compare equal only when identical, whatever their lengths', () => {
  assert.equal(sameSecret('s3cret-password', 's3cret-password'), true);
  assert.equal(sameSecret('s3cret-passwore', 's3cret-password'), false);
  assert.equal(sameSecret('s3cret', 's3cret-password'), false);
  assert.equal(sameSecret('', ''), true);
  assert.equal(sameSecret('', 'x'), false);
});

test('binds loopback addresses only', () => {
  for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
    assert.equal(parseArgs(['--data-dir', 'd', '--host', host]).host, host);
  }
  for (const host of ['0.0.0.0', '::', '192.168.1.10', '127.0.0.1.example.com']) {
    assert.throws(() => parseArgs(['--data-dir', 'd', '--host', host]), /not a loopback address/);
  }
});

const { machineAccess } = require('../lib/sql-guard');

test('refuses FROM INFILE, INTO OUTFILE and table functions that reach the machine', () => {
  assert.equal(machineAccess("INSERT INTO t FROM INFILE '/etc/passwd' FORMAT LineAsString"), 'INFILE');
  assert.equal(machineAccess("SELECT 1 INTO OUTFILE '/tmp/x'"), 'OUTFILE');
  assert.equal(machineAccess("SELECT * FROM file('/etc/passwd', 'LineAsString')"), 'file()');
  assert.equal(machineAccess("SELECT * FROM url('http://169.254.169.254/', 'TSV')"), 'url()');
  assert.equal(machineAccess("SELECT * FROM s3('https://b/k')"), 's3()');
  assert.equal(machineAccess("INSERT INTO FUNCTION File('/tmp/x', 'TSV') VALUES (1)"), 'File()');
  assert.equal(machineAccess("SELECT * FROM remote('10.0.0.1', system.one)"), 'remote()');
});

test('accepts ordinary statements, and the same words inside literals or as column names', () => {
  assert.equal(machineAccess('SELECT count() FROM token_usage WHERE model = {m:String}'), null);
  assert.equal(machineAccess("SELECT 'file(/etc/passwd)', url FROM pages"), null);
  assert.equal(machineAccess('INSERT INTO t (file, url) FORMAT RowBinary'), null);
  assert.equal(machineAccess('SELECT * FROM numbers(10)'), null);
});
