'use strict';
/** Command line of server.js. */

const DEFAULTS = {
  host: '127.0.0.1',
  port: 8123,
  dataDir: null,
  user: 'default',
  password: '',
  accessFile: null,
  maxBodyBytes: 4 * 1024 * 1024 * 1024,
  spillBytes: 16 * 1024 * 1024,
  keepAliveSeconds: 30,
  logRequests: false,
  help: false,
};

function usage() {
  return [
    'Usage: node server.js --data-dir <dir> [options]',
    '',
    '  --host <addr>            address to bind (default 127.0.0.1)',
    '  --port <n>               port (default 8123; 0 = any free port)',
    '  --data-dir <dir>         persistent ClickHouse data directory (required)',
    '  --user <name>            the administrating user, with every privilege (default "default")',
    '  --password <pw>          its password (default empty)',
    '  --access-file <file>     JSON: further users, each with one role; the roles\' grants and row policies',
    '                           (enforced by the engine; see lib/access.js)',
    '  --max-body-bytes <n>     largest accepted request body after decoding (default 4 GiB); larger -> HTTP 413',
    '  --spill-bytes <n>        insert rows above this size are streamed to a temp file (default 16 MiB)',
    '  --keep-alive-seconds <n> idle keep-alive timeout (default 30)',
    '  --log-requests           log one line per request',
  ].join('\n');
}

function parseArgs(argv) {
  const o = { ...DEFAULTS };
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a non-negative integer, got '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--host': o.host = value(); break;
      case '--port': o.port = num(flag, value()); break;
      case '--data-dir': o.dataDir = value(); break;
      case '--user': o.user = value(); break;
      case '--password': o.password = value(); break;
      case '--access-file': o.accessFile = value(); break;
      case '--max-body-bytes': o.maxBodyBytes = num(flag, value()); break;
      case '--spill-bytes': o.spillBytes = num(flag, value()); break;
      case '--keep-alive-seconds': o.keepAliveSeconds = num(flag, value()); break;
      case '--log-requests': o.logRequests = true; break;
      case '-h': case '--help': o.help = true; break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  if (!o.help && !o.dataDir) throw new Error('--data-dir is required');
  if (!o.help && o.port > 65535) throw new Error('--port must be <= 65535');
  if (!o.help && !isLoopback(o.host)) {
    throw new Error(`--host ${o.host} is not a loopback address: this server runs any SQL it is sent with one ` +
      'administrating password, so it binds 127.0.0.1, ::1 or localhost only');
  }
  return o;
}

function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

module.exports = { parseArgs, usage, DEFAULTS, isLoopback };
