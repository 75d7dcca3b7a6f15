'use strict';
/**
 * ClickHouse-style errors: the numeric code, its symbolic name, the HTTP status
 * the real server would answer with, and the body text
 * `Code: N. DB::Exception: <message>. (NAME) (version X)\n`.
 */

// Codes used by this server itself or by the status mapping below. Numbers are
// those of the bundled engine (ClickHouse 26.7, system.errors).
const CODES = {
  CANNOT_PARSE_TEXT: 6,
  THERE_IS_NO_COLUMN: 8,
  DUPLICATE_COLUMN: 15,
  CANNOT_PARSE_ESCAPE_SEQUENCE: 25,
  CANNOT_PARSE_QUOTED_STRING: 26,
  CANNOT_PARSE_INPUT_ASSERTION_FAILED: 27,
  CANNOT_READ_ALL_DATA: 33,
  BAD_ARGUMENTS: 36,
  UNKNOWN_ELEMENT_IN_AST: 37,
  CANNOT_PARSE_DATE: 38,
  TOO_LARGE_SIZE_COMPRESSED: 39,
  CHECKSUM_DOESNT_MATCH: 40,
  CANNOT_PARSE_DATETIME: 41,
  ILLEGAL_COLUMN: 44,
  UNKNOWN_FUNCTION: 46,
  UNKNOWN_IDENTIFIER: 47,
  NOT_IMPLEMENTED: 48,
  LOGICAL_ERROR: 49,
  UNKNOWN_TYPE: 50,
  TYPE_MISMATCH: 53,
  UNKNOWN_STORAGE: 56,
  UNKNOWN_TABLE: 60,
  SYNTAX_ERROR: 62,
  UNKNOWN_AGGREGATE_FUNCTION: 63,
  CANNOT_PARSE_NUMBER: 72,
  UNKNOWN_FORMAT: 73,
  CANNOT_OPEN_FILE: 76,
  UNKNOWN_TYPE_OF_QUERY: 78,
  UNKNOWN_DATABASE: 81,
  UNKNOWN_COMPRESSION_METHOD: 89,
  UNKNOWN_SETTING: 115,
  INCORRECT_DATA: 117,
  UNKNOWN_TYPE_OF_AST_NODE: 123,
  UNKNOWN_DIRECTION_OF_SORTING: 152,
  TIMEOUT_EXCEEDED: 159,
  READONLY: 164,
  TOO_DEEP_AST: 167,
  TOO_BIG_AST: 168,
  UNKNOWN_USER: 192,
  WRONG_PASSWORD: 193,
  REQUIRED_PASSWORD: 194,
  SOCKET_TIMEOUT: 209,
  UNEXPECTED_AST_STRUCTURE: 223,
  QUERY_IS_TOO_LARGE: 229,
  CORRUPTED_DATA: 246,
  CANNOT_DECOMPRESS: 271,
  VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE: 321,
  UNKNOWN_DATABASE_ENGINE: 336,
  SESSION_NOT_FOUND: 372,
  CANNOT_PARSE_UUID: 376,
  HTTP_LENGTH_REQUIRED: 381,
  CANNOT_COMPILE_REGEXP: 427,
  CANNOT_SCHEDULE_TASK: 439,
  CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING: 441,
  ACCESS_DENIED: 497,
  UNKNOWN_ROLE: 511,
  SET_NON_GRANTED_ROLE: 512,
  AUTHENTICATION_FAILED: 516,
  CANNOT_PARSE_IPV4: 675,
  CANNOT_PARSE_IPV6: 676,
  UNSUPPORTED_MEDIA_TYPE: 779,
  UNKNOWN_EXCEPTION: 1002,
};

const NAMES = Object.fromEntries(Object.entries(CODES).map(([k, v]) => [v, k]));

// Mirrors exceptionCodeToHTTPStatus() in ClickHouse's src/Server/HTTP/.
const STATUS_BY_CODE = new Map();
function mapStatus(status, names) { for (const n of names) STATUS_BY_CODE.set(CODES[n], status); }
mapStatus(401, ['REQUIRED_PASSWORD']);
mapStatus(403, ['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED', 'SET_NON_GRANTED_ROLE', 'ACCESS_DENIED']);
mapStatus(400, ['BAD_ARGUMENTS', 'CANNOT_COMPILE_REGEXP', 'CANNOT_PARSE_TEXT', 'CANNOT_PARSE_ESCAPE_SEQUENCE',
  'CANNOT_PARSE_QUOTED_STRING', 'CANNOT_PARSE_DATE', 'CANNOT_PARSE_DATETIME', 'CANNOT_PARSE_NUMBER',
  'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING', 'CANNOT_PARSE_IPV4', 'CANNOT_PARSE_IPV6',
  'CANNOT_PARSE_INPUT_ASSERTION_FAILED', 'CANNOT_PARSE_UUID', 'DUPLICATE_COLUMN', 'ILLEGAL_COLUMN',
  'UNKNOWN_ELEMENT_IN_AST', 'UNKNOWN_TYPE_OF_AST_NODE', 'THERE_IS_NO_COLUMN', 'TOO_DEEP_AST', 'TOO_BIG_AST',
  'UNEXPECTED_AST_STRUCTURE', 'SYNTAX_ERROR', 'INCORRECT_DATA', 'TYPE_MISMATCH',
  'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE']);
mapStatus(404, ['UNKNOWN_TABLE', 'UNKNOWN_FUNCTION', 'UNKNOWN_IDENTIFIER', 'UNKNOWN_TYPE', 'UNKNOWN_STORAGE',
  'UNKNOWN_DATABASE', 'UNKNOWN_SETTING', 'UNKNOWN_DIRECTION_OF_SORTING', 'UNKNOWN_AGGREGATE_FUNCTION',
  'UNKNOWN_FORMAT', 'UNKNOWN_DATABASE_ENGINE', 'UNKNOWN_TYPE_OF_QUERY', 'UNKNOWN_ROLE']);
mapStatus(413, ['QUERY_IS_TOO_LARGE']);
mapStatus(501, ['NOT_IMPLEMENTED']);
mapStatus(503, ['SOCKET_TIMEOUT', 'CANNOT_OPEN_FILE', 'CANNOT_SCHEDULE_TASK']);
mapStatus(411, ['HTTP_LENGTH_REQUIRED']);
mapStatus(408, ['TIMEOUT_EXCEEDED']);
mapStatus(415, ['UNSUPPORTED_MEDIA_TYPE']);

function httpStatusForCode(code) {
  return STATUS_BY_CODE.get(code) || 500;
}

/** An error to be answered in ClickHouse's format. */
class ClickHouseError extends Error {
  /**
   * @param {number} code ClickHouse error code
   * @param {string} message message text without the "Code: N. DB::Exception:" prefix and "(NAME)" suffix
   * @param {object} [opts] { name, status } — name defaults to the known symbolic name,
   *   status (HTTP) defaults to ClickHouse's mapping; used for errors of this
   *   local server's own transport layer (bad compressed framing, size limit).
   */
  constructor(code, message, opts = {}) {
    super(message);
    this.code = code;
    this.codeName = opts.name || NAMES[code] || 'UNKNOWN_EXCEPTION';
    this.status = opts.status || httpStatusForCode(code);
    this.fullText = opts.fullText || null; // engine text already carrying "Code: N..." and "(NAME)"
  }

  /** Body text as clickhouse-server writes it. */
  body(version) {
    if (this.fullText) return `${this.fullText} (version ${version})\n`;
    const msg = this.message.endsWith('.') ? this.message : `${this.message}.`;
    return `Code: ${this.code}. DB::Exception: ${msg} (${this.codeName}) (version ${version})\n`;
  }
}

const ENGINE_MSG = /^(?:Query failed: )?Code: (\d+)\. DB::Exception: ([\s\S]*)$/;
// The engine sometimes wraps an exception in a second one with the same code:
// "Code: 108. DB::Exception: Code: 108. DB::Exception: No data. (X) (version v). (X)"
const NESTED = /^Code: (\d+)\. DB::Exception: (Code: \1\. DB::Exception: [\s\S]*?) \(version [^)]*\)\. \([A-Z0-9_]+\)$/;

/**
 * Turn an error thrown by the chDB binding into a ClickHouseError, keeping the
 * engine's own message text (which already has ClickHouse's shape).
 */
function fromEngineError(err) {
  if (err instanceof ClickHouseError) return err;
  let text = String(err && err.message != null ? err.message : err).trim();
  text = text.replace(/^Query failed: /, '');
  let m = NESTED.exec(text);
  while (m) { text = m[2]; m = NESTED.exec(text); }
  text = text.replace(/ \(version [^)]*\)$/, '');
  const e = ENGINE_MSG.exec(text);
  if (!e) {
    return new ClickHouseError(CODES.UNKNOWN_EXCEPTION, `Engine error: ${text}`);
  }
  const code = Number(e[1]);
  const nameMatch = /\(([A-Z0-9_]+)\)$/.exec(text);
  return new ClickHouseError(code, e[2], {
    name: nameMatch ? nameMatch[1] : undefined,
    fullText: nameMatch ? text : null,
  });
}

module.exports = { CODES, ClickHouseError, fromEngineError, httpStatusForCode };
