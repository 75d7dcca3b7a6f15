'use strict';
/**
 * ClickHouse's HTTP interface (the subset clients use) on top of the Engine.
 *
 * Request model, as in clickhouse-server:
 *  - the statement is the `query` URL parameter followed by the request body;
 *    for `INSERT ... FORMAT x` / `INSERT ... VALUES` whatever follows the query
 *    text is the rows (see sql-lexer.js for where exactly they start);
 *  - URL parameters are either options of the HTTP interface itself (KNOWN_PARAMS),
 *    `param_<name>` query parameters, or settings for this one request;
 *  - GET is read-only.
 */

const { sameSecret, matchesSha256 } = require('./secrets');
const { machineAccess } = require('./sql-guard');
const crypto = require('crypto');
const os = require('os');
const { PassThrough } = require('stream');
const { analyze } = require('./sql-lexer');
const { Spool, tooLarge } = require('./spool');
const { ClickHouseError, CODES, fromEngineError } = require('./errors');
const { canonicalFormat, contentTypeFor, isBinaryFormat } = require('./formats');
const compression = require('./compression');

/** URL parameters that are options of the HTTP interface rather than settings. */
const KNOWN_PARAMS = new Set([
  'query', 'database', 'default_format', 'query_id', 'compress', 'decompress',
  'user', 'password', 'quota_key', 'buffer_size', 'wait_end_of_query',
  'session_id', 'session_timeout', 'session_check', 'role', 'stacktrace',
  'client_protocol_version', 'close_session',
]);

/** Settings this server reads itself (they are still applied/validated as settings). */
const DEFAULT_MAX_QUERY_SIZE = 262144;

const SERVER_DISPLAY_NAME = os.hostname();

function isTrue(v) {
  return v !== undefined && v !== null && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** A header value, honouring the RFC 5987 `Name*: UTF-8''...` form the Java client uses for non-ASCII values. */
function header(req, name) {
  const plain = req.headers[name];
  if (plain !== undefined) return Array.isArray(plain) ? plain[0] : plain;
  const ext = req.headers[`${name}*`];
  if (ext === undefined) return undefined;
  const m = /^UTF-8''(.*)$/i.exec(Array.isArray(ext) ? ext[0] : ext);
  if (!m) return undefined;
  try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch { return undefined; }
}

class HttpInterface {
  /**
   * @param {object} opts engine, tmpDir, user, password, maxBodyBytes, spillBytes, logRequests, log, and
   *   users: {name: {password, role}} of an access file (lib/access.js), besides user/password, whose role is adminRole
   */
  constructor(opts) {
    this.engine = opts.engine;
    this.tmpDir = opts.tmpDir;
    this.user = opts.user;
    this.password = opts.password;
    this.accounts = [{ user: opts.user, password: opts.password, role: opts.adminRole || null }];
    for (const [user, u] of Object.entries(opts.users || {})) {
      this.accounts.push({ user, password: u.password, passwordSha256: u.password_sha256_hex, role: u.role });
    }
    this.maxBodyBytes = opts.maxBodyBytes;
    this.spillBytes = opts.spillBytes;
    this.logRequests = opts.logRequests;
    this.log = opts.log;
    this.inFlight = 0;
  }

  /** The `request` listener of the http.Server. */
  handle(req, res) {
    const started = process.hrtime.bigint();
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      if (this.logRequests) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        this.log('INFO', `${req.method} ${req.url.slice(0, 300)} -> ${res.statusCode} (${ms.toFixed(1)} ms)`);
      }
    };
    res.on('finish', done);
    res.on('close', () => { if (!res.writableFinished) done(); });
    this.route(req, res).catch((e) => {
      this.log('ERROR', `unhandled error for ${req.method} ${req.url.slice(0, 200)}: ${e.stack || e}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8' });
        res.end(`Code: 1002. DB::Exception: ${e.message}. (UNKNOWN_EXCEPTION) (version ${this.engine.version})\n`);
      } else {
        res.destroy();
      }
    });
  }

  async route(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const pathName = url.pathname;
    if (pathName === '/ping' || pathName === '/replicas_status') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return this.plain(res, 405, 'Method Not Allowed\n');
      return this.plain(res, 200, 'Ok.\n');
    }
    if (pathName !== '/' && pathName !== '/query') {
      return this.plain(res, 404, `There is no handle ${pathName}\n\nUse / or /ping for health checks.\n`);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (![...url.searchParams.keys()].length && !req.headers['content-length']) {
        return this.plain(res, 200, 'Ok.\n');
      }
    } else if (req.method !== 'POST') {
      return this.plain(res, 405, 'Method Not Allowed\n');
    }
    return this.query(req, res, url.searchParams);
  }

  plain(res, status, text) {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async query(req, res, params) {
    const ctx = {
      queryId: params.get('query_id') || header(req, 'x-clickhouse-query-id') || crypto.randomUUID(),
      format: canonicalFormat(params.get('default_format') || header(req, 'x-clickhouse-format') || 'TabSeparated'),
      timezone: this.engine.timezone,
      compress: isTrue(params.get('compress')),
      httpCompression: false,
      authenticated: false,
    };
    let spool = null;
    try {
      const role = this.authenticate(req, params);
      ctx.authenticated = true;
      const job = this.buildJob(req, params, ctx);
      job.role = role;
      spool = new Spool({ tmpDir: this.tmpDir, spillBytes: this.spillBytes, maxBytes: this.maxBodyBytes });
      const statement = await this.readStatement(req, params, job, spool);
      this.completeJob(job, statement, ctx);
      if (job.insert) {
        // Binary rows go to the engine as a file: the binding's in-memory insert misreads rows holding two
        // consecutive newline bytes (e.g. the UInt64 2570), which RowBinary and Native data may contain anywhere.
        const viaFile = (job.params || isBinaryFormat(job.insert.format)) && !job.insert.values;
        job.data = viaFile && !spool.file ? await spool.toFile() : await spool.finish();
        if (job.insert.values && !job.data.file && job.data.size > this.spillBytes) job.data = await spool.toFile();
      }
      const result = await this.engine.execute(job);
      this.respond(req, res, ctx, result);
    } catch (err) {
      this.respondError(req, res, ctx, err);
    } finally {
      if (spool) await spool.cleanup();
    }
  }

  /**
   * User/password from Basic auth, X-ClickHouse-User/Key headers or URL parameters; returns the user's role
   * (null without an access file).
   */
  authenticate(req, params) {
    let user;
    let password;
    const auth = req.headers.authorization;
    if (auth && /^basic /i.test(auth)) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      user = i < 0 ? decoded : decoded.slice(0, i);
      password = i < 0 ? '' : decoded.slice(i + 1);
    } else if (header(req, 'x-clickhouse-user') !== undefined || header(req, 'x-clickhouse-key') !== undefined) {
      user = header(req, 'x-clickhouse-user');
      password = header(req, 'x-clickhouse-key');
    } else {
      user = params.get('user');
      password = params.get('password');
    }
    user = user || 'default';
    password = password || '';
    // every account, both fields, compared every time (no short circuit), so the timing does not tell a
    // known user from an unknown one
    let match = null;
    for (const a of this.accounts) {
      const same = sameSecret(user, a.user)
        & (a.passwordSha256 !== undefined ? matchesSha256(password, a.passwordSha256) : sameSecret(password, a.password));
      if (same && !match) match = a;
    }
    if (!match) {
      throw new ClickHouseError(CODES.AUTHENTICATION_FAILED,
        `${user}: Authentication failed: password is incorrect, or there is no user with such name`);
    }
    return match.role;
  }

  /** Split URL parameters into interface options, query parameters and settings. */
  buildJob(req, params, ctx) {
    const job = {
      readonly: req.method === 'GET' || req.method === 'HEAD',
      database: params.get('database') || header(req, 'x-clickhouse-database') || null,
      settings: [],
      params: null,
      format: ctx.format,
      maxQuerySize: DEFAULT_MAX_QUERY_SIZE,
      decompress: isTrue(params.get('decompress')),
    };
    if (params.get('session_id')) {
      throw new ClickHouseError(CODES.NOT_IMPLEMENTED,
        'HTTP sessions (URL parameter session_id) are not supported by the local chdb-http server: ' +
        'every request runs in its own context and temporary tables/SET do not persist. ' +
        'Remove session_id (do not enable sessions in the client) when using the local stack');
    }
    if (params.get('role')) {
      throw new ClickHouseError(CODES.NOT_IMPLEMENTED,
        'Roles (URL parameter role) are not supported by the local chdb-http server: each user has exactly one role, ' +
        'which is set for every request. Remove the role parameter');
    }
    for (const [name, value] of params) {
      if (name.startsWith('param_')) {
        if (!job.params) job.params = {};
        job.params[name.slice(6)] = value;
        continue;
      }
      if (KNOWN_PARAMS.has(name)) continue;
      if (name === 'readonly') {
        // Cannot be undone on a connection: route to the read-only one instead.
        if (isTrue(value)) job.readonly = true;
        continue;
      }
      if (name === 'enable_http_compression') ctx.httpCompression = isTrue(value);
      if (name === 'http_zlib_compression_level') ctx.zlibLevel = Number(value);
      if (name === 'max_query_size' && Number(value) > 0) job.maxQuerySize = Number(value);
      if (name === 'session_timezone' && value) ctx.timezone = value;
      job.settings.push([name, value]);
    }
    return job;
  }

  /**
   * Read the request: the SQL text (URL `query` + body) and, for an INSERT with
   * inline rows, the rows into `spool`. The body is decoded on the fly
   * (Content-Encoding, then ClickHouse framing for decompress=1).
   */
  async readStatement(req, params, job, spool) {
    const urlQuery = params.get('query') || '';
    // Work on bytes as latin1 so positions are byte offsets (see sql-lexer.js).
    const urlText = Buffer.from(urlQuery, 'utf8').toString('latin1');
    const hasBody = req.method === 'POST';
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      req.resume();
      throw tooLarge(this.maxBodyBytes);
    }

    const state = {
      text: urlText,            // SQL text collected so far (latin1)
      sepAdded: false,
      analysis: null,
      inData: false,
      kindKnown: false,
    };

    // The common client path: complete `INSERT ... FORMAT x` in the URL, body = rows.
    if (urlText) {
      const a = analyze(`${urlText}\n`, false);
      if (a.insert && a.insert.dataStart === urlText.length + 1 && !a.insert.values) {
        state.analysis = a;
        state.text = `${urlText}\n`;
        state.inData = true;
      }
    }

    if (hasBody) {
      const source = this.decodedBody(req, job);
      let bodyBytes = 0;
      try {
        for await (const chunk of source) {
          bodyBytes += chunk.length;
          if (bodyBytes > this.maxBodyBytes) throw tooLarge(this.maxBodyBytes);
          if (state.inData) { await spool.write(chunk); continue; }
          if (!state.sepAdded) { if (state.text) state.text += '\n'; state.sepAdded = true; }
          state.text += chunk.toString('latin1');
          await this.advance(state, spool, job, false);
        }
      } catch (e) {
        // Stop decoding but keep draining the socket so the error response can be delivered.
        req.unpipe();
        req.resume();
        throw e;
      }
    }
    if (!state.inData) {
      await this.advance(state, spool, job, true);
    }
    return state;
  }

  /**
   * The request body as an async iterable of decoded chunks: Content-Encoding
   * first (HTTP layer), then ClickHouse's block framing for decompress=1. The
   * request itself is only piped (never destroyed), so an error response can
   * still be written after a decoding failure.
   */
  decodedBody(req, job) {
    const stages = [new PassThrough()];
    const dec = compression.requestDecoder(req.headers['content-encoding']);
    if (dec) stages.push(dec);
    if (job.decompress) stages.push(new compression.FramedDecoder());
    let source = req.pipe(stages[0]);
    for (let i = 1; i < stages.length; i++) {
      const next = stages[i];
      source.on('error', (e) => next.destroy(e));
      source = source.pipe(next);
    }
    const abort = () => {
      if (!req.complete) stages[0].destroy(new ClickHouseError(CODES.CANNOT_READ_ALL_DATA, 'The client closed the connection before the request body was complete'));
    };
    req.on('error', abort);
    req.on('close', abort);
    return source;
  }

  /** Re-examine the collected text; switch to data mode once the rows start. */
  async advance(state, spool, job, complete) {
    if (!complete && state.kindKnown) {
      if (state.text.length > job.maxQuerySize) throw queryTooLarge(job.maxQuerySize);
      return;
    }
    const a = analyze(state.text, complete);
    state.analysis = a;
    if (a.insert) {
      const rest = state.text.slice(a.insert.dataStart);
      state.text = state.text.slice(0, a.insert.dataStart);
      state.inData = true;
      if (rest.length) await spool.write(Buffer.from(rest, 'latin1'));
      return;
    }
    if (a.needMore) {
      if (state.text.length > job.maxQuerySize) throw queryTooLarge(job.maxQuerySize);
      return;
    }
    if (!complete && a.kind && a.kind !== 'INSERT') state.kindKnown = true; // whole body is SQL
    if (state.text.length > job.maxQuerySize) throw queryTooLarge(job.maxQuerySize);
  }

  /** Turn the analysed statement into the engine job. */
  completeJob(job, state, ctx) {
    const a = state.analysis;
    const text = state.text;
    if (a.extraStatementAt >= 0) {
      const near = Buffer.from(text.slice(a.extraStatementAt, a.extraStatementAt + 40), 'latin1').toString('utf8');
      throw new ClickHouseError(CODES.SYNTAX_ERROR,
        `Syntax error (Multi-statements are not allowed): failed at position ${a.extraStatementAt + 1} (${near}): ` +
        'the HTTP interface accepts one statement per request');
    }
    if (a.firstTokenStart < 0) {
      throw new ClickHouseError(CODES.SYNTAX_ERROR, 'Empty query');
    }
    const reach = machineAccess(text);
    if (reach) {
      throw new ClickHouseError(CODES.ACCESS_DENIED, `${reach} is refused by the local chdb-http server: it would ` +
        'read or write files, URLs, other servers or processes of the machine, not its databases');
    }
    const utf8 = (s) => Buffer.from(s, 'latin1').toString('utf8');
    if (a.insert) {
      const ins = a.insert;
      job.insert = {
        head: utf8(text.slice(a.firstTokenStart, ins.headEnd)).trim(),
        settingsClause: ins.settingsStart >= 0 ? utf8(text.slice(ins.settingsStart, ins.settingsEnd)).trim() : '',
        format: ins.format,
        values: ins.values,
        valuesSql: ins.values ? utf8(text.slice(0, ins.dataStart)) : null,
      };
    } else {
      job.sql = utf8(text.slice(0, a.queryEnd));
      if (a.format) ctx.format = canonicalFormat(a.format);
      if (a.kind === 'SET') job.resetSettings = a.setNames;
      if (a.kind === 'USE') job.resetDatabase = true;
    }
  }

  commonHeaders(ctx) {
    return {
      'X-ClickHouse-Server-Display-Name': SERVER_DISPLAY_NAME,
      'X-ClickHouse-Query-Id': ctx.queryId,
      'X-ClickHouse-Format': ctx.format,
      'X-ClickHouse-Timezone': ctx.timezone,
    };
  }

  respond(req, res, ctx, result) {
    let body = Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength);
    const summary = {
      read_rows: String(result.rowsRead || 0),
      read_bytes: String(result.bytesRead || 0),
      written_rows: String(result.writtenRows || 0),
      written_bytes: String(result.writtenBytes || 0),
      total_rows_to_read: String(result.rowsRead || 0),
      result_rows: String(result.writtenRows ? result.writtenRows : (result.rowsRead || 0)),
      result_bytes: String(result.writtenRows ? result.writtenBytes : body.length),
      elapsed_ns: String(result.elapsedNs || 0),
    };
    const headers = {
      ...this.commonHeaders(ctx),
      'Content-Type': contentTypeFor(ctx.format),
      'X-ClickHouse-Summary': JSON.stringify(summary),
    };
    let chunks = [body];
    if (ctx.compress) {
      chunks = compression.encodeFramed(body);
      headers['Content-Type'] = 'application/octet-stream';
    } else if (ctx.httpCompression) {
      const enc = compression.chooseResponseEncoding(req.headers['accept-encoding']);
      if (enc) {
        chunks = [compression.encodeHttp(enc, body, ctx.zlibLevel)];
        headers['Content-Encoding'] = enc;
      }
    }
    body = null;
    headers['Content-Length'] = chunks.reduce((n, c) => n + c.length, 0);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    for (const c of chunks) res.write(c);
    res.end();
  }

  respondError(req, res, ctx, err) {
    const e = err instanceof ClickHouseError ? err : fromEngineError(err);
    if (e.code === CODES.READONLY && (req.method === 'GET' || req.method === 'HEAD')) {
      e.fullText = null;
      e.message = 'Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. ' +
        'You should use method POST for modifying queries';
    }
    if (e.code === CODES.UNKNOWN_EXCEPTION && !(err instanceof ClickHouseError)) {
      this.log('ERROR', `query ${ctx.queryId}: ${err && err.stack ? err.stack : err}`);
    }
    if (res.headersSent) { res.destroy(); return; }
    let body = Buffer.from(e.body(this.engine.version), 'utf8');
    const headers = {
      ...this.commonHeaders(ctx),
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Exception-Code': String(e.code),
    };
    // Like clickhouse-server, the exception text goes through the (possibly
    // compressed) output stream — except for authentication failures, which
    // happen before that stream exists.
    if (ctx.compress && ctx.authenticated) body = Buffer.concat(compression.encodeFramed(body));
    headers['Content-Length'] = body.length;
    const send = () => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(e.status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.complete) { send(); return; }
    // The body has not been read to its end (early 413, auth failure). Closing the connection
    // while the client is still sending makes it fail with EPIPE/ECONNRESET before it reads the
    // answer, so drain the rest of the body first (bounded in time), then answer and close.
    headers.Connection = 'close';
    const timer = setTimeout(() => { send(); req.destroy(); }, DRAIN_BEFORE_ERROR_MS);
    const finish = () => { clearTimeout(timer); send(); };
    req.once('end', finish);
    req.once('close', finish);
    req.resume();
  }
}

/** How long an error answer waits for an unread request body to drain before it closes the connection. */
const DRAIN_BEFORE_ERROR_MS = 30_000;

function queryTooLarge(limit) {
  return new ClickHouseError(CODES.SYNTAX_ERROR,
    `Max query size exceeded (max_query_size = ${limit}): the statement text (URL query + body, ` +
    'excluding the rows of an INSERT) is too long');
}

module.exports = { HttpInterface, KNOWN_PARAMS };
