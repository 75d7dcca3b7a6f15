'use strict';
/**
 * A small SQL tokenizer, just enough of ClickHouse's lexical rules to find the
 * structure this server cares about without ever looking inside literals:
 * the statement kind, a trailing `FORMAT x`, statement separators (`;`) and,
 * for `INSERT ... FORMAT x` / `INSERT ... VALUES`, where the inline data starts.
 *
 * Input is a "binary string" (Buffer decoded as latin1), so every character is
 * one byte and token positions are byte offsets into the request. That lets the
 * server split a request body into query text and raw (possibly binary) rows.
 */

const WORD_CHAR = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  WORD_CHAR[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128 ? 1 : 0;
}

/** Thrown when the text ends inside a token (string, comment, ...). */
const INCOMPLETE = Symbol('incomplete');

/**
 * Iterate over the significant tokens of `s` starting at `pos`.
 * Tokens: { type: 'word'|'string'|'qident'|'punct', start, end }.
 * Comments and whitespace are skipped. An unterminated string/comment yields
 * { type: INCOMPLETE, start }.
 */
function* tokens(s, pos = 0) {
  const n = s.length;
  let i = pos;
  while (i < n) {
    const c = s.charCodeAt(i);
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) { i++; continue; }
    // -- comment, # comment
    if ((c === 45 && s.charCodeAt(i + 1) === 45) || c === 35) {
      const e = s.indexOf('\n', i);
      if (e < 0) { i = n; break; }
      i = e + 1;
      continue;
    }
    // /* comment */
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const e = s.indexOf('*/', i + 2);
      if (e < 0) { yield { type: INCOMPLETE, start: i, end: n }; return; }
      i = e + 2;
      continue;
    }
    // 'string', "identifier", `identifier` — backslash escapes and doubled quotes
    if (c === 39 || c === 34 || c === 96) {
      const start = i;
      i++;
      let closed = false;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (d === 92) { i += 2; continue; }
        if (d === c) {
          if (s.charCodeAt(i + 1) === c) { i += 2; continue; }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) { yield { type: INCOMPLETE, start, end: n }; return; }
      yield { type: c === 39 ? 'string' : 'qident', start, end: i };
      continue;
    }
    // $tag$ heredoc $tag$
    if (c === 36) {
      let j = i + 1;
      while (j < n && WORD_CHAR[s.charCodeAt(j)]) j++;
      if (j < n && s.charCodeAt(j) === 36) {
        const tag = s.slice(i, j + 1);
        const e = s.indexOf(tag, j + 1);
        if (e < 0) { yield { type: INCOMPLETE, start: i, end: n }; return; }
        yield { type: 'string', start: i, end: e + tag.length };
        i = e + tag.length;
        continue;
      }
    }
    if (WORD_CHAR[c]) {
      const start = i;
      while (i < n && WORD_CHAR[s.charCodeAt(i)]) i++;
      yield { type: 'word', start, end: i };
      continue;
    }
    yield { type: 'punct', start: i, end: i + 1 };
    i++;
  }
}

function upper(s, t) { return s.slice(t.start, t.end).toUpperCase(); }

/**
 * Where the rows of `INSERT ... FORMAT x` begin, following ClickHouse's parser:
 * after the format name skip spaces/tabs/form feeds; the data then starts after
 * one newline (optionally preceded by \r) if there is one, else right there.
 * Returns -1 when the text ends before the rule can be decided.
 */
function dataStartAfterFormat(s, pos, complete) {
  const n = s.length;
  let i = pos;
  while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9 || s.charCodeAt(i) === 12)) i++;
  if (i >= n) return complete ? n : -1;
  if (s.charCodeAt(i) === 13) {
    if (i + 1 >= n) return complete ? n : -1;
    if (s.charCodeAt(i + 1) === 10) return i + 2;
    return i;
  }
  if (s.charCodeAt(i) === 10) return i + 1;
  return i;
}

/**
 * Analyse one request's SQL text.
 *
 * @param {string} s latin1 "binary string"
 * @param {boolean} complete whether `s` is the whole request (false while the
 *   body is still arriving: the result may then be { needMore: true })
 * @returns {object} {
 *   needMore, kind, format, extraStatementAt, queryEnd,
 *   insert: { format, headEnd, settingsStart, settingsEnd, dataStart, values } | null,
 *   setNames: string[], useDatabase: string|null }
 */
function analyze(s, complete = true) {
  const result = {
    needMore: false, kind: null, format: null, extraStatementAt: -1, queryEnd: s.length,
    insert: null, setNames: [], useDatabase: null, firstTokenStart: -1,
  };
  const it = tokens(s);
  let depth = 0;
  let first = null;
  let prev = null;      // previous significant token
  let prev2 = null;
  let semicolonAt = -1;
  let lastFormat = null; // { name, at }
  // INSERT state
  let insertSettingsStart = -1;
  let insertHeadEnd = -1;
  let statementIndex = 0; // tokens within the current statement
  let insertIsSelect = false;

  for (let r = it.next(); !r.done; r = it.next()) {
    const t = r.value;
    if (t.type === INCOMPLETE) {
      if (!complete) { result.needMore = true; return result; }
      break; // let the engine report the syntax error
    }
    if (semicolonAt >= 0) {
      // Anything after a top-level ';' is a second statement.
      result.extraStatementAt = t.start;
      break;
    }
    if (t.type === 'punct') {
      const ch = s.charCodeAt(t.start);
      if (ch === 40 || ch === 91 || ch === 123) depth++;
      else if (ch === 41 || ch === 93 || ch === 125) depth = Math.max(0, depth - 1);
      else if (ch === 59 && depth === 0) { semicolonAt = t.start; result.queryEnd = t.start; continue; }
    }
    if (first === null) {
      first = t;
      result.firstTokenStart = t.start;
      result.kind = t.type === 'word' ? upper(s, t) : (s[t.start] === '(' ? 'SELECT' : null);
    }
    statementIndex++;

    if (result.kind === 'INSERT' && !insertIsSelect && depth === 0 && t.type === 'word') {
      const w = upper(s, t);
      if (w === 'SETTINGS' && insertSettingsStart < 0) {
        insertSettingsStart = t.start;
        if (insertHeadEnd < 0) insertHeadEnd = t.start;
      } else if (w === 'VALUES' && prev && !(prev.type === 'punct' && s[prev.start] === '.')) {
        if (insertHeadEnd < 0) insertHeadEnd = t.start;
        result.insert = {
          format: 'Values', values: true, headEnd: insertHeadEnd,
          settingsStart: insertSettingsStart, settingsEnd: insertSettingsStart >= 0 ? t.start : -1,
          dataStart: t.end,
        };
        return result;
      } else if (w === 'FORMAT') {
        const nameTok = it.next();
        if (nameTok.done || nameTok.value.type === INCOMPLETE) {
          if (!complete) { result.needMore = true; return result; }
          break;
        }
        const nt = nameTok.value;
        if (nt.type !== 'word' && nt.type !== 'qident') break; // engine reports the syntax error
        if (nt.end === s.length && !complete) { result.needMore = true; return result; }
        const dataStart = dataStartAfterFormat(s, nt.end, complete);
        if (dataStart < 0) { result.needMore = true; return result; }
        if (insertHeadEnd < 0) insertHeadEnd = t.start;
        let name = s.slice(nt.start, nt.end);
        if (nt.type === 'qident') name = name.slice(1, -1);
        result.insert = {
          format: name, values: false, headEnd: insertHeadEnd,
          settingsStart: insertSettingsStart, settingsEnd: insertSettingsStart >= 0 ? t.start : -1,
          dataStart,
        };
        return result;
      } else if (w === 'SELECT' || w === 'WITH' || w === 'FROM') {
        // INSERT ... SELECT / INSERT ... FROM INFILE: an ordinary statement
        // that runs as is; nothing after this point is inline data.
        insertIsSelect = true;
      }
    }

    if (lastFormat && lastFormat.pending) {
      // `FORMAT x` only counts as the output format clause when it ends the
      // statement or is followed by SETTINGS (e.g. not "SELECT format FROM t").
      if (t.type === 'word' && upper(s, t) === 'SETTINGS' && depth === 0) lastFormat.pending = false;
      else lastFormat = null;
    }
    if (result.kind !== 'INSERT' && depth === 0 && (t.type === 'word' || t.type === 'qident') && prev && prev.type === 'word' && upper(s, prev) === 'FORMAT') {
      const raw = s.slice(t.start, t.end);
      lastFormat = { name: t.type === 'qident' ? raw.slice(1, -1) : raw, at: prev.start, pending: true };
    }
    if (result.kind === 'SET' && depth === 0 && t.type === 'punct' && s[t.start] === '=' && prev && (prev.type === 'word' || prev.type === 'qident')
        && prev2 && (prev2 === first || (prev2.type === 'punct' && s[prev2.start] === ','))) {
      result.setNames.push(prev.type === 'qident' ? s.slice(prev.start + 1, prev.end - 1) : s.slice(prev.start, prev.end));
    }
    if (result.kind === 'USE' && statementIndex === 2) {
      result.useDatabase = t.type === 'qident' ? s.slice(t.start + 1, t.end - 1) : s.slice(t.start, t.end);
    }
    prev2 = prev;
    prev = t;
  }

  if (result.kind === 'INSERT' && !result.insert && !insertIsSelect && !complete) {
    // Text ended before FORMAT/VALUES/SELECT: wait for more of the body.
    result.needMore = true;
    return result;
  }
  if (lastFormat) result.format = lastFormat.name;
  return result;
}

module.exports = { tokens, analyze, dataStartAfterFormat, INCOMPLETE };
