#!/usr/bin/env node
'use strict';
/**
 * chdb-http: the local stand-in for clickhouse-server. Serves ClickHouse's HTTP
 * interface from the embedded ClickHouse engine of the chdb npm package.
 *
 *   node server.js --host 127.0.0.1 --port 8123 --data-dir ./data [--user default --password ''] [--access-file F]
 *                  [--max-body-bytes N] [--spill-bytes N] [--log-requests]
 */

const fs = require('fs');
const http = require('http');
const path = require('path');
const { parseArgs, usage } = require('./lib/cli');
const { Engine } = require('./lib/engine');
const access = require('./lib/access');
const { HttpInterface } = require('./lib/http-interface');

function log(level, message) {
  process.stdout.write(`${new Date().toISOString()} ${level} chdb-http: ${message}\n`);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e.message}\n\n${usage()}\n`);
    process.exit(2);
  }
  if (opts.help) { process.stdout.write(`${usage()}\n`); return; }

  const dataDir = path.resolve(opts.dataDir);
  const tmpDir = path.join(dataDir, 'tmp', 'http-bodies');
  fs.mkdirSync(tmpDir, { recursive: true });
  // Leftovers of a killed process: request bodies are never needed after the request.
  for (const f of fs.readdirSync(tmpDir)) fs.rmSync(path.join(tmpDir, f), { force: true });

  // With an access file the engine gets a users.xml of roles (rewritten at every start, from the file).
  let accessSpec = null;
  let engineOpts = {};
  if (opts.accessFile) {
    try {
      accessSpec = access.loadAccessFile(opts.accessFile);
    } catch (e) {
      log('ERROR', e.message);
      process.exit(2);
    }
    if (Object.prototype.hasOwnProperty.call(accessSpec.users, opts.user)) {
      log('ERROR', `the access file declares the user '${opts.user}' of --user again`);
      process.exit(2);
    }
    engineOpts = {
      engineArgs: access.writeEngineConfig(path.join(dataDir, 'chdb-http-access'), accessSpec),
      adminRole: access.ADMIN_ROLE,
    };
  }
  const engine = new Engine(dataDir, engineOpts);
  await engine.open();

  const api = new HttpInterface({
    engine, tmpDir, user: opts.user, password: opts.password,
    users: accessSpec ? accessSpec.users : {}, adminRole: engineOpts.adminRole,
    maxBodyBytes: opts.maxBodyBytes, spillBytes: opts.spillBytes,
    logRequests: opts.logRequests, log,
  });
  const server = http.createServer((req, res) => api.handle(req, res));
  // Same idle keep-alive as clickhouse-server's default keep_alive_timeout, so
  // pooled client connections are not closed under the client's feet.
  server.keepAliveTimeout = opts.keepAliveSeconds * 1000;
  server.headersTimeout = Math.max(60000, server.keepAliveTimeout + 1000);
  server.requestTimeout = 0; // large inserts may take long; the queue bounds the work

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  server.on('error', (e) => log('ERROR', `server error: ${e.message}`));
  const addr = server.address();
  log('INFO', `listening on http://${addr.address}:${addr.port} — ClickHouse ${engine.version} ` +
    `(embedded chDB engine, not clickhouse-server), data dir ${dataDir}, pid ${process.pid}`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    log('INFO', `${signal} received, finishing in-flight requests`);
    const force = setTimeout(() => { log('ERROR', 'shutdown timed out after 60 s, exiting'); process.exit(1); }, 60000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    try {
      await engine.close();
    } catch (e) {
      log('ERROR', `closing the engine failed: ${e.message}`);
    }
    server.closeAllConnections();
    log('INFO', 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e) => {
  log('ERROR', `failed to start: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
