/**
 * Reading a CSV file as a table of named columns for imports: header
 * matching by alias (any case, any spacing), delimiter detection, blank rows
 * skipped, and every problem collected with its file and physical line.
 */
import { type CsvRecord, parseCsv } from './csv.ts';

const MAX_ERRORS = 50;

/** Collects problems, keeping the first MAX_ERRORS and counting the rest. */
export class Problems {
  private readonly items: string[] = [];
  count = 0;
  add(message: string): void {
    this.count += 1;
    if (this.items.length < MAX_ERRORS) this.items.push(message);
  }
  list(): string[] {
    const more = this.count - this.items.length;
    return more > 0 ? [...this.items, `… and ${more} more problem${more === 1 ? '' : 's'}`] : [...this.items];
  }
}

export interface Row<C extends string> {
  line: number;
  get(column: C): string;
}

/** Parses one file, maps its header to known columns, and drops blank rows. */
export function readTable<C extends string>(
  file: string,
  text: string,
  columns: Record<C, readonly string[]>,
  required: readonly NoInfer<C>[],
  problems: Problems,
  warnings: string[],
): { rows: Row<C>[] } | null {
  const parsed = parseCsv(text, { delimiter: detectDelimiter(text) });
  if (!parsed.ok) {
    problems.add(`${file} line ${parsed.line}: ${parsed.error}`);
    return null;
  }
  const [header, ...records] = parsed.records;
  if (!header || header.fields.every((f) => f.trim() === '')) {
    problems.add(`${file} line 1: the header row is missing`);
    return null;
  }
  const names = header.fields.map((f) => f.trim().toLowerCase().replace(/\s+/g, ' '));
  const index = {} as Record<C, number>;
  for (const [column, aliases] of Object.entries(columns) as [C, readonly string[]][]) {
    index[column] = names.findIndex((n) => aliases.includes(n));
  }
  const missing = required.filter((c) => index[c] === -1);
  if (missing.length > 0) {
    const wanted = missing.map((c) => capitalise(columns[c][0] ?? c)).join(', ');
    problems.add(
      `${file} line ${header.line}: missing required column ${wanted} (found: ${header.fields.join(', ')})`,
    );
    return null;
  }
  const used = new Set(Object.values(index) as number[]);
  const ignored = header.fields.filter((f, i) => !used.has(i) && f.trim() !== '');
  if (ignored.length > 0)
    warnings.push(`${file}: ignored column${ignored.length === 1 ? '' : 's'} ${ignored.join(', ')}`);

  const rows: Row<C>[] = [];
  for (const record of records) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (!checkWidth(file, record, header.fields.length, problems)) continue;
    rows.push({
      line: record.line,
      get: (column: C) => {
        const i = index[column];
        return i === -1 ? '' : (record.fields[i] ?? '');
      },
    });
  }
  return { rows };
}

/** Extra cells beyond the header are an error only when they hold something (a stray comma). */
function checkWidth(file: string, record: CsvRecord, width: number, problems: Problems): boolean {
  const extra = record.fields.slice(width);
  if (extra.every((f) => f.trim() === '')) return true;
  problems.add(
    `${file} line ${record.line}: ${record.fields.length} cells but the header has ${width} columns`,
  );
  return false;
}

/** Comma unless the header line has none and uses semicolons or tabs (European spreadsheets). */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
