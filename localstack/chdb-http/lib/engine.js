'use strict';
/**
 * The embedded ClickHouse engine (chDB) behind the HTTP interface.
 *
 * Two native connections to the same data directory:
 *  - `rw`, for POST requests;
 *  - `ro`, created with `SET readonly = 2`, for GET requests (and requests
 *    that ask for readonly), because ClickHouse treats GET as read-only and a
 *    connection cannot leave readonly mode once it is in it.
 * A connection keeps its current database and settings between queries, so
 * every request applies its own (USE / SET) and restores the defaults
 * afterwards (SET x = DEFAULT / USE default). Requests run one at a time
 * through a SerialQueue, which is what makes that save/restore safe.
 *
 * The binding's public Session.queryBindAsync() re-escapes string parameters
 * for its JavaScript-value API; HTTP `param_x` values are already in
 * ClickHouse's escaped text form, so parameters (and raw inserts) go through
 * the native entry points of the same, pinned binding version directly.
 */

const path = require('path');
const chdb = require('chdb');
const { SerialQueue } = require('./serial-queue');
const { ClickHouseError, CODES, fromEngineError } = require('./errors');

const native = require(path.join(path.dirname(require.resolve('chdb')), 'dist', 'loader.js')).loadNative();

function quoteIdentifier(name) {
  return '`' + String(name).replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
}

function quoteString(value) {
  return '\'' + String(value).replace(/\\/g, '\\\\').replace(/'/g, '\\\'') + '\'';
}

class Engine {
  /**
   * @param dataDir the data directory
   * @param opts engineArgs: extra engine arguments (e.g. --config-file); adminRole: when set, the role
   *   each connection returns to after a request (requests then name their role, see lib/access.js)
   */
  constructor(dataDir, opts = {}) {
    this.dataDir = dataDir;
    this.engineArgs = opts.engineArgs || [];
    this.adminRole = opts.adminRole || null;
    this.queue = new SerialQueue();
    this.rw = null;
    this.ro = null;
    this.version = 'unknown';
    this.timezone = 'UTC';
    this.closed = false;
  }

  async open() {
    const sessionOpts = this.engineArgs.length ? { connectionArgs: this.engineArgs } : undefined;
    this.rw = new chdb.Session(this.dataDir, sessionOpts);
    this.ro = new chdb.Session(this.dataDir, sessionOpts);
    if (this.adminRole) {
      await this.raw(this.rw.connection, `SET ROLE ${quoteIdentifier(this.adminRole)}`);
      await this.raw(this.ro.connection, `SET ROLE ${quoteIdentifier(this.adminRole)}`);
    }
    await this.raw(this.ro.connection, 'SET readonly = 2');
    const info = await this.raw(this.rw.connection, 'SELECT version(), timezone()', 'TabSeparated');
    const [version, tz] = Buffer.from(info.bytes).toString('utf8').trim().split('\t');
    this.version = version;
    this.timezone = tz;
  }

  /** One native query, errors mapped to ClickHouseError. */
  async raw(conn, sql, format = 'TabSeparated', params) {
    try {
      return params
        ? await native.QueryAsyncConnection(conn, sql, format, params)
        : await native.QueryAsyncConnection(conn, sql, format);
    } catch (e) {
      throw fromEngineError(e);
    }
  }

  /**
   * Execute one request's statement. `job`:
   *   readonly, database, settings: [name, value][], params: {name: text}|null,
   *   format, sql (full statement, for non-insert-with-data),
   *   insert: { head, settingsClause, format, values, valuesSql } | null,
   *   data: { buffer } | { file } | null,
   *   resetSettings: extra setting names to restore (from a SET statement),
   *   resetDatabase: whether the statement was USE,
   *   role: the role the statement runs with (only with an access file; the engine checks its grants).
   * Returns { bytes, rowsRead, bytesRead, writtenRows, writtenBytes, elapsed }.
   */
  execute(job) {
    return this.queue.run(() => this.executeNow(job));
  }

  async executeNow(job) {
    if (this.closed) {
      throw new ClickHouseError(CODES.UNKNOWN_EXCEPTION, 'The server is shutting down', { status: 503 });
    }
    const conn = (job.readonly ? this.ro : this.rw).connection;
    const toReset = new Set(job.resetSettings || []);
    let databaseChanged = Boolean(job.resetDatabase);
    const role = this.adminRole ? job.role || this.adminRole : null;
    try {
      // Every request sets its role first: whatever an earlier statement did (a SET ROLE of its own)
      // does not carry over.
      if (role) await this.raw(conn, `SET ROLE ${quoteIdentifier(role)}`);
      if (job.database && job.database !== 'default') {
        databaseChanged = true;
        await this.raw(conn, `USE ${quoteIdentifier(job.database)}`);
      }
      if (job.settings && job.settings.length) {
        for (const [name] of job.settings) toReset.add(name);
        const assignments = job.settings.map(([n, v]) => `${quoteIdentifier(n)} = ${quoteString(v)}`);
        await this.raw(conn, `SET ${assignments.join(', ')}`);
      }
      return await this.run(conn, job);
    } finally {
      await this.restore(conn, toReset, databaseChanged);
    }
  }

  async run(conn, job) {
    const started = process.hrtime.bigint();
    const elapsedNs = () => Number(process.hrtime.bigint() - started);
    const ins = job.insert;
    if (!ins) {
      const r = await this.raw(conn, job.sql, job.format, job.params);
      return { bytes: r.bytes, rowsRead: r.rowsRead, bytesRead: r.bytesRead, writtenRows: 0, writtenBytes: 0, elapsedNs: elapsedNs() };
    }
    const settingsClause = ins.settingsClause ? ` ${ins.settingsClause}` : '';
    if (job.data && job.data.file) {
      // Rows were spooled to a temp file: let the engine read it directly.
      const sql = `${ins.head} FROM INFILE ${quoteString(job.data.file)}${settingsClause} FORMAT ${ins.format}`;
      const r = await this.raw(conn, sql, job.format, job.params);
      return { bytes: new Uint8Array(0), rowsRead: r.rowsRead, bytesRead: r.bytesRead, writtenRows: r.rowsRead, writtenBytes: job.data.size, elapsedNs: elapsedNs() };
    }
    const buffer = job.data ? job.data.buffer : Buffer.alloc(0);
    if (ins.values) {
      // Small INSERT ... VALUES: run the statement text as sent.
      const r = await this.raw(conn, ins.valuesSql + buffer.toString('utf8'), job.format, job.params);
      return { bytes: new Uint8Array(0), rowsRead: 0, bytesRead: 0, writtenRows: r.rowsRead, writtenBytes: buffer.length, elapsedNs: elapsedNs() };
    }
    // In-memory rows: handed to the engine without a copy through the binding's raw insert.
    try {
      const r = await native.InsertRawAsyncConnection(conn, `${ins.head}${settingsClause} FORMAT ${ins.format}`, buffer, false);
      return { bytes: new Uint8Array(0), rowsRead: 0, bytesRead: 0, writtenRows: r.rowsWritten, writtenBytes: r.bytesWritten, elapsedNs: elapsedNs() };
    } catch (e) {
      throw fromEngineError(e);
    }
  }

  async restore(conn, settingNames, databaseChanged) {
    try {
      // The request's role may not be allowed to USE default: restore as the admin role.
      if (this.adminRole && (settingNames.size || databaseChanged)) {
        await this.raw(conn, `SET ROLE ${quoteIdentifier(this.adminRole)}`);
      }
      if (settingNames.size) {
        const names = [...settingNames].map((n) => `${quoteIdentifier(n)} = DEFAULT`);
        await this.raw(conn, `SET ${names.join(', ')}`).catch(async () => {
          // One of the names was never valid (the request failed on it):
          // restore the rest one by one.
          for (const n of settingNames) await this.raw(conn, `SET ${quoteIdentifier(n)} = DEFAULT`).catch(() => {});
        });
      }
      if (databaseChanged) await this.raw(conn, 'USE default');
    } catch (e) {
      // Never expected; the next request would see stale state, so make noise.
      process.stdout.write(`${new Date().toISOString()} ERROR could not restore connection state: ${e.message}\n`);
    }
  }

  /** Wait for queued requests, then release the native connections. */
  async close() {
    await this.queue.drain();
    this.closed = true;
    if (this.rw) this.rw.close();
    if (this.ro) this.ro.close();
  }
}

module.exports = { Engine, quoteIdentifier, quoteString };
