import { describe, expect, it } from 'vitest';
import { csvField, guardCell, parseCsv, serializeCsv, unguardCell } from '../../shared/import/csv.ts';

function records(text: string, delimiter?: string) {
  const result = parseCsv(text, delimiter ? { delimiter } : {});
  if (!result.ok) throw new Error(`line ${result.line}: ${result.error}`);
  return result.records;
}

const fields = (text: string, delimiter?: string) => records(text, delimiter).map((r) => r.fields);

/** Small deterministic PRNG (mulberry32) so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseCsv', () => {
  it('reads records with CRLF, LF and bare CR line ends, with or without a final one', () => {
    expect(fields('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fields('a\rb\r\nc\nd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('handles quotes: delimiters, doubled quotes, embedded line breaks, empty quoted fields', () => {
    expect(fields('"a,b","say ""hi""",""\r\n')).toEqual([['a,b', 'say "hi"', '']]);
    expect(fields('"line1\r\nline2","x\ny"\n')).toEqual([['line1\r\nline2', 'x\ny']]);
    expect(fields('""')).toEqual([['']]);
    expect(fields('"a"')).toEqual([['a']]);
  });

  it('numbers each record by the physical line it starts on', () => {
    const recs = records('h1,h2\r\n"multi\r\nline\r\nvalue",x\r\nnext,row\n\nlast,"a\nb"\nend');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 9]);
    expect(recs[3]?.fields).toEqual(['']);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(fields(',,\na,\n,b')).toEqual([
      ['', '', ''],
      ['a', ''],
      ['', 'b'],
    ]);
  });

  it('strips a UTF-8 byte-order mark and reads nothing from empty input', () => {
    expect(fields('\uFEFFLabel,Type\r\nTürkiye,state')).toEqual([
      ['Label', 'Type'],
      ['Türkiye', 'state'],
    ]);
    expect(fields('')).toEqual([]);
  });

  it('takes a quote inside an unquoted field literally, as spreadsheets do', () => {
    expect(fields('5" screen,a"b')).toEqual([['5" screen', 'a"b']]);
  });

  it('reports an unclosed quote at the line where the field starts', () => {
    expect(parseCsv('a,b\nc,"never\nclosed\n')).toEqual({
      ok: false,
      line: 2,
      error: 'quoted field is never closed',
    });
  });

  it('reports text after a closing quote', () => {
    expect(parseCsv('a\n"x"y,z')).toEqual({
      ok: false,
      line: 2,
      error: 'unexpected "y" after a closing quote',
    });
    expect(parseCsv('"x" ,z')).toMatchObject({ ok: false, line: 1 });
  });

  it('accepts other delimiters', () => {
    expect(fields('a;"b;c"\n1;2', ';')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
    expect(fields('a\tb', '\t')).toEqual([['a', 'b']]);
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(/delimiter/);
  });
});

describe('serializeCsv', () => {
  it('quotes only fields that need it and ends every record with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(
      serializeCsv([
        ['a', 'b,c'],
        ['', '"'],
      ]),
    ).toBe('a,"b,c"\r\n,""""\r\n');
  });

  it('round-trips any text through parseCsv (seeded fuzz)', () => {
    const random = rng(20260411);
    const alphabet = ['a', 'Z', ' ', ',', ';', '"', '""', '\r', '\n', '\r\n', 'é', '–', '🕊', "'", '=', '\t'];
    for (let round = 0; round < 200; round += 1) {
      const width = 1 + Math.floor(random() * 5);
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        Array.from({ length: width }, () =>
          Array.from(
            { length: Math.floor(random() * 8) },
            () => alphabet[Math.floor(random() * alphabet.length)],
          ).join(''),
        ),
      );
      const text = serializeCsv(rows);
      const result = parseCsv(text);
      expect(result.ok && result.records.map((r) => r.fields), JSON.stringify(rows)).toEqual(rows);
    }
  });
});

describe('guardCell / unguardCell', () => {
  it('defuses spreadsheet formulas', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(guardCell(cell)).toBe(`'${cell}`);
    }
    expect(guardCell('United States')).toBe('United States');
    expect(guardCell("'quoted'")).toBe("'quoted'");
  });

  it('is reversible for every string, including ones that look already guarded', () => {
    const cases = ['', "'", "''", "'=", "''=", "'a", '=x', "'-", '-', 'plain', "'\t", "'''"];
    for (const cell of cases) expect(unguardCell(guardCell(cell)), JSON.stringify(cell)).toBe(cell);
    const random = rng(7);
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', 'a', ' '];
    for (let i = 0; i < 500; i += 1) {
      const cell = Array.from(
        { length: Math.floor(random() * 5) },
        () => alphabet[Math.floor(random() * 9)],
      ).join('');
      expect(unguardCell(guardCell(cell)), JSON.stringify(cell)).toBe(cell);
      expect(/^[=+\-@\t\r]/.test(guardCell(cell)), JSON.stringify(cell)).toBe(false);
    }
  });
});
