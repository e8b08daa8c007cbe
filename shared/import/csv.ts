/**
 * RFC 4180 CSV: a parser that reports where a record starts, and a
 * serializer. Accepts what spreadsheets and Kumu actually write: CRLF, LF or
 * bare CR line ends, a UTF-8 byte-order mark, quoted fields with doubled quotes
 * and embedded line breaks, and a missing final line break.
 */

export interface CsvRecord {
  /** 1-based physical line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; error: string };

export interface CsvParseOptions {
  /** Field separator, one character (default ","). */
  delimiter?: string;
}

export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new Error(`invalid CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // True right after a delimiter: "a," ends with an empty field, "a" does not.
  let pendingField = false;

  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    pendingField = false;
  };

  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && field === '') {
      // Quoted field: runs to the next quote that is not doubled.
      const startLine = line;
      i += 1;
      let closed = false;
      while (i < src.length) {
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i += 1;
          break;
        }
        if (c === '\r' || c === '\n') {
          // Line breaks inside quotes are data, kept as written; count them for line numbers.
          if (c === '\r' && src[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
          } else {
            field += c;
            i += 1;
          }
          line += 1;
          continue;
        }
        field += c;
        i += 1;
      }
      if (!closed) return { ok: false, line: startLine, error: 'quoted field is never closed' };
      const next = src[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        return { ok: false, line, error: `unexpected ${JSON.stringify(next)} after a closing quote` };
      }
      // Mark the field as quoted-and-present even when it is empty ("").
      pendingField = true;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      pendingField = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    // A quote inside an unquoted field is taken literally, as spreadsheets do.
    field += ch;
    pendingField = true;
    i += 1;
  }
  if (pendingField || field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

/** Quotes a field only when it must be: it holds the delimiter, a quote, or a line break. */
export function csvField(value: string, delimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record per row, CRLF after every record (RFC 4180). */
export function serializeCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((row) => `${row.map((v) => csvField(v, delimiter)).join(delimiter)}\r\n`).join('');
}

/**
 * Spreadsheet formula injection guard (OWASP "CSV injection"): a text cell
 * starting with = + - @ tab or CR would run as a formula when a facilitator
 * opens the export in Excel or Sheets, so it gets a leading apostrophe. The
 * encoding is reversible: `unguardCell` strips exactly one apostrophe from a
 * cell that starts with an apostrophe followed by one of those characters or
 * another apostrophe, and `guardCell` adds one to any cell that would be read
 * that way, so every string survives export → import unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r']/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) || GUARDED.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
