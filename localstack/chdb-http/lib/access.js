'use strict';
/**
 * Users, roles, grants and row policies of the local endpoint, enforced by the engine.
 *
 * The embedded engine (clickhouse-local inside chDB) keeps access entities only in a read-only users.xml
 * storage: CREATE USER / CREATE ROLE / GRANT fail there, every native connection is the engine's
 * `default` user, and EXECUTE AS is disabled. What it does have is roles defined in users.xml and
 * `SET ROLE`, after which the engine checks every statement against that role's grants alone.
 *
 * So an access file (JSON) declares roles with their GRANT statements, row policies on roles, and the
 * HTTP users with their password and role. From it this module writes the engine's users.xml: each role
 * with its grants, the `default` user holding every role and no privilege of its own, and the row
 * policies as `default`'s row filter on each table (`NOT has(currentRoles(), 'r') OR (condition)`, which
 * the engine applies while role r is the current one). The HTTP layer authenticates a user and switches
 * the connection to its role before the statement; the engine decides what the statement may do.
 *
 * The user given by --user/--password keeps every privilege: it gets ADMIN_ROLE (GRANT ALL).
 *
 * Access file:
 *   {
 *     "roles": { "tokenlens_reader": ["GRANT SELECT ON tokenlens.*"], ... },
 *     "rowPolicies": [ { "table": "tokenlens.token_usage", "role": "lead_platform", "using": "team = 'platform'" } ],
 *     "users": { "grafana": { "password_sha256_hex": "<64 hex digits>", "role": "tokenlens_reader" }, ... }
 *   }
 * (a user has "password" in clear or "password_sha256_hex", the SHA-256 of it, as users.xml has them)
 */

const fs = require('fs');
const path = require('path');

/** The role of the --user/--password user: every privilege. */
const ADMIN_ROLE = 'chdb_http_admin';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TABLE = /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/;
const GRANT = /^GRANT\s+.+\s+ON\s+\S+$/is;

function xml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sqlString(text) {
  return '\'' + String(text).replace(/\\/g, '\\\\').replace(/'/g, '\\\'') + '\'';
}

/** Reads and checks an access file; every error is reported at once. */
function loadAccessFile(file) {
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the access file ${file}: ${e.message}`);
  }
  return checkAccess(parsed, file);
}

function checkAccess(spec, source = 'access') {
  const errors = [];
  const roles = spec.roles || {};
  const users = spec.users || {};
  const policies = spec.rowPolicies || [];
  for (const [role, grants] of Object.entries(roles)) {
    if (!NAME.test(role) || role === ADMIN_ROLE) errors.push(`role '${role}': not a plain name, or reserved`);
    if (!Array.isArray(grants)) { errors.push(`role '${role}': grants must be a list of GRANT statements`); continue; }
    for (const g of grants) {
      if (typeof g !== 'string' || !GRANT.test(g.trim()) || /\bTO\b/i.test(g)) {
        errors.push(`role '${role}': '${g}' is not 'GRANT <privileges> ON <database>.<table>' (without TO)`);
      }
    }
  }
  for (const [user, u] of Object.entries(users)) {
    if (!NAME.test(user)) errors.push(`user '${user}': not a plain name`);
    const hasPassword = u && typeof u.password === 'string';
    const hasHash = u && typeof u.password_sha256_hex === 'string' && /^[0-9a-fA-F]{64}$/.test(u.password_sha256_hex);
    if (hasPassword === hasHash) errors.push(`user '${user}': needs either a password or a password_sha256_hex (64 hex digits)`);
    if (!u || !Object.prototype.hasOwnProperty.call(roles, u.role)) errors.push(`user '${user}': role '${u && u.role}' is not declared`);
  }
  for (const p of policies) {
    if (!p || !TABLE.test(p.table || '')) errors.push(`row policy ${JSON.stringify(p)}: table must be database.table`);
    if (!p || !Object.prototype.hasOwnProperty.call(roles, p.role)) errors.push(`row policy ${JSON.stringify(p)}: role is not declared`);
    if (!p || typeof p.using !== 'string' || !p.using.trim()) errors.push(`row policy ${JSON.stringify(p)}: needs a condition in 'using'`);
  }
  if (errors.length) throw new Error(`invalid access file ${source}:\n  - ${errors.join('\n  - ')}`);
  return { roles, users, rowPolicies: policies };
}

/** The row filter of the engine's default user on each table, from the row policies of the roles. */
function rowFilters(policies) {
  const byTable = new Map();
  for (const p of policies) {
    if (!byTable.has(p.table)) byTable.set(p.table, new Map());
    const byRole = byTable.get(p.table);
    if (!byRole.has(p.role)) byRole.set(p.role, []);
    byRole.get(p.role).push(p.using.trim());
  }
  const filters = new Map();
  for (const [table, byRole] of byTable) {
    // Policies of one role are permissive (any of them lets a row through), as in ClickHouse.
    const terms = [...byRole].map(([role, conds]) =>
      `(NOT has(currentRoles(), ${sqlString(role)}) OR ${conds.map((c) => `(${c})`).join(' OR ')})`);
    filters.set(table, terms.join(' AND '));
  }
  return filters;
}

/** The engine's users.xml for an access specification (null: no access file, the engine's own default). */
function usersXml(access) {
  const roles = { [ADMIN_ROLE]: ['GRANT ALL ON *.* WITH GRANT OPTION'], ...access.roles };
  const roleXml = Object.entries(roles).map(([name, grants]) =>
    `    <${name}><grants>${grants.map((g) => `<query>${xml(g.trim())}</query>`).join('')}</grants></${name}>`).join('\n');
  const databases = new Map();
  for (const [table, filter] of rowFilters(access.rowPolicies)) {
    const [db, t] = table.split('.');
    if (!databases.has(db)) databases.set(db, []);
    databases.get(db).push(`<${t}><filter>${xml(filter)}</filter></${t}>`);
  }
  const dbXml = [...databases].map(([db, tables]) => `<${db}>${tables.join('')}</${db}>`).join('');
  return [
    '<clickhouse>',
    '  <profiles><default/></profiles>',
    '  <roles>',
    roleXml,
    '  </roles>',
    '  <users>',
    '    <default><no_password/><profile>default</profile><quota>default</quota><networks><ip>::/0</ip></networks>',
    `      <grants><query>GRANT ${Object.keys(roles).join(', ')}</query></grants>`,
    dbXml ? `      <databases>${dbXml}</databases>` : '',
    '    </default>',
    '  </users>',
    '  <quotas><default/></quotas>',
    '</clickhouse>',
    '',
  ].filter((l) => l !== '').join('\n');
}

/**
 * Writes the engine configuration for `access` into `dir` and returns the engine arguments that load it.
 */
function writeEngineConfig(dir, access) {
  fs.mkdirSync(dir, { recursive: true });
  const users = path.join(dir, 'users.xml');
  const config = path.join(dir, 'config.xml');
  fs.writeFileSync(users, usersXml(access), { mode: 0o600 });
  fs.writeFileSync(config, [
    '<clickhouse>',
    '  <user_directories replace="replace">',
    `    <users_xml><path>${xml(users)}</path></users_xml>`,
    '  </user_directories>',
    '</clickhouse>',
    '',
  ].join('\n'), { mode: 0o600 });
  return [`--config-file=${config}`];
}

module.exports = { ADMIN_ROLE, loadAccessFile, checkAccess, usersXml, rowFilters, writeEngineConfig };
