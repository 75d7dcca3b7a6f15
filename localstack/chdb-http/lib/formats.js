'use strict';
/**
 * Output format names and the Content-Type clickhouse-server sends for them.
 */

const ALIASES = {
  TSV: 'TabSeparated',
  TSVRAW: 'TabSeparatedRaw',
  RAW: 'TabSeparatedRaw',
  TSVWITHNAMES: 'TabSeparatedWithNames',
  TSVWITHNAMESANDTYPES: 'TabSeparatedWithNamesAndTypes',
  TSVRAWWITHNAMES: 'TabSeparatedRawWithNames',
  TSVRAWWITHNAMESANDTYPES: 'TabSeparatedRawWithNamesAndTypes',
  JSONLINES: 'JSONEachRow',
  NDJSON: 'JSONEachRow',
};

/** Canonical spelling for header values (format names are case-insensitive only via aliases). */
function canonicalFormat(name) {
  if (!name) return name;
  return ALIASES[name.toUpperCase()] || name;
}

const OCTET = 'application/octet-stream';
const JSON_CT = 'application/json; charset=UTF-8';

/** Content-Type for an output format, as ClickHouse's output formats declare it. */
function contentTypeFor(format) {
  const f = canonicalFormat(format) || 'TabSeparated';
  if (f.startsWith('TabSeparated')) return 'text/tab-separated-values; charset=UTF-8';
  if (f === 'CSV') return 'text/csv; charset=UTF-8; header=absent';
  if (f.startsWith('CSVWith')) return 'text/csv; charset=UTF-8; header=present';
  if (f === 'JSONEachRow' || f === 'JSONStringsEachRow' || f === 'JSONCompactEachRow'
      || f === 'JSONCompactStringsEachRow' || f.startsWith('JSONCompactEachRowWith')
      || f.startsWith('JSONCompactStringsEachRowWith') || f === 'JSONObjectEachRow') {
    return 'application/x-ndjson; charset=UTF-8';
  }
  if (f.startsWith('JSON')) return JSON_CT;
  if (f === 'XML') return 'application/xml; charset=UTF-8';
  if (isBinaryFormat(f)) return OCTET;
  return 'text/plain; charset=UTF-8';
}

/** Whether rows in `format` are bytes rather than text. */
function isBinaryFormat(format) {
  const f = canonicalFormat(format) || '';
  return f.startsWith('RowBinary') || f === 'Native' || f === 'Parquet' || f === 'Arrow'
      || f === 'ArrowStream' || f === 'ORC' || f === 'Avro' || f === 'Protobuf' || f === 'ProtobufSingle'
      || f === 'MsgPack' || f === 'CapnProto' || f === 'BSONEachRow' || f === 'Npy' || f === 'RawBLOB';
}

module.exports = { canonicalFormat, contentTypeFor, isBinaryFormat };
