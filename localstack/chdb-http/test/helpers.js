'use strict';
/** Test helpers: start server.js on a free port with a temp data dir, and a tiny HTTP client. */

const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const SERVER = path.join(__dirname, '..', 'server.js');

function makeDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'chdb-http-test-'));
}

/** Start the server (port 0 = any free port; read back from its start line). */
function startServer({ dataDir = makeDataDir(), args = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (x) => { child.log += x; });
        child.log = out;
        resolve({ child, port: Number(m[1]), dataDir, stop: () => stopServer(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(child.exitCode); return; }
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/**
 * request(port, { method, path, query: {k: v}, headers, body }) -> { status, headers, body: Buffer, text }
 */
function request(port, { method = 'POST', path: p = '/', query, headers = {}, body } = {}) {
  const qs = query ? `?${new URLSearchParams(query).toString()}` : '';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p + qs, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body: buf, text: buf.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body); else req.end();
  });
}

/** POST a statement in the body; returns the response. */
function sql(port, statement, query = {}, extra = {}) {
  return request(port, { method: 'POST', query, body: statement, ...extra });
}

module.exports = { startServer, stopServer, request, sql, makeDataDir };
