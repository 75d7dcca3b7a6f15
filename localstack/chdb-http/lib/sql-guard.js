'use strict';
/**
 * Statements that would reach the machine the server runs on rather than its databases: `FROM INFILE`,
 * `INTO OUTFILE`, and table functions that read or write files, URLs, other servers or processes. The
 * server runs whatever its one shared password allows, so these are refused before the engine sees them.
 */
const { tokens, INCOMPLETE } = require('./sql-lexer');

const MACHINE_KEYWORDS = new Set(['INFILE', 'OUTFILE']);
const MACHINE_TABLE_FUNCTIONS = new Set([
  'file', 'filecluster', 'url', 'urlcluster', 's3', 's3cluster', 'gcs', 'oss', 'cosn', 'hdfs', 'hdfscluster',
  'azureblobstorage', 'azureblobstoragecluster', 'remote', 'remotesecure', 'cluster', 'clusterallreplicas',
  'mysql', 'postgresql', 'mongodb', 'redis', 'sqlite', 'jdbc', 'odbc', 'executable', 'deltalake', 'hudi',
  'iceberg', 'icebergs3', 'icebergazure', 'iceberghdfs', 'icebergcluster', 'dictionary', 'arrowflight',
]);

/** The keyword or table function of `s` (latin1 SQL text) that reaches the machine, or null. */
function machineAccess(s) {
  let previous = null;
  for (const t of tokens(s)) {
    if (t.type === INCOMPLETE) return null;
    if (t.type === 'word' && MACHINE_KEYWORDS.has(s.slice(t.start, t.end).toUpperCase())) {
      return s.slice(t.start, t.end).toUpperCase();
    }
    if (t.type === 'punct' && s[t.start] === '(' && previous && previous.type === 'word') {
      const name = s.slice(previous.start, previous.end);
      if (MACHINE_TABLE_FUNCTIONS.has(name.toLowerCase())) return `${name}()`;
    }
    previous = t;
  }
  return null;
}

module.exports = { machineAccess };
