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
