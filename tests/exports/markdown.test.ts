import { describe, expect, it } from 'vitest';
import { readBoard } from '../../shared/board-doc.ts';
import { renderBoardBrief } from '../../shared/export/board-markdown.ts';
import { mdInline, mdLines } from '../../shared/export/markdown-escape.ts';
import { moveActors } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';
import { docFrom, NASTY, nastyBoard, round1, round1Data, round2 } from './fixtures.ts';

const EXPECTED_ROUND_2 = `# US–Iran ceasefire (2026)

*Round: Round 2 — Phase one · 2026-04-20*

Two-week ceasefire; talks in Islamabad.

**5 actors, 8 relations** (2 demands, 2 threatens, 3 mediates, 1 deferred).

## Changes since the previous round

- Added actor Saudi Arabia (state)
- Iran stance: “Sanctions relief, frozen assets and compensation.” → “Phase one first: the pre-war status quo, no tolls.”
- Added relation Saudi Arabia → Pakistan (mediates: backs the talks)
- Removed relation United States → Iran (demands: reopen the Strait of Hormuz)
- United States → Iran: demands → deferred
- Iran → United States: threatens → demands

## Actors

### Iran

*State*

> Phase one first: the pre-war status quo, no tolls.

- **Demands of** United States: sanctions relief
- **Demands of** United States: keep the strait closed
- **Threatened by** United States: strikes on energy infrastructure
- **Threatened by** Israel: operations in Lebanon
- **Mediated by** Pakistan
- **Deferred by** United States: give up the uranium stockpile

### Israel

*State*

- **Threatens** Iran: operations in Lebanon

*Notes:* Acts on its own timetable.

### Pakistan

*Mediator*

> Hosts the talks in Islamabad.

- **Mediates with** Iran
- **Mediates with** United States: Islamabad talks
- **Mediated by** Saudi Arabia: backs the talks

### Saudi Arabia

*State*

- **Mediates with** Pakistan: backs the talks

### United States

*State*

> Reopen the Strait of Hormuz and stop attacks first; talk afterwards.

- **Threatens** Iran: strikes on energy infrastructure
- **Deferred with** Iran: give up the uranium stockpile
- **Demanded by** Iran: sanctions relief
- **Demanded by** Iran: keep the strait closed
- **Mediated by** Pakistan: Islamabad talks

## Deferred issues

- United States → Iran: give up the uranium stockpile
`;

describe('renderBoardBrief', () => {
  it('writes per actor its stance and what it demands, threatens, mediates and defers, with the changes since the previous round', () => {
    expect(
      renderBoardBrief(round2(), {
        roundName: 'Round 2 — Phase one',
        previous: round1(),
        date: '2026-04-20',
      }),
    ).toBe(EXPECTED_ROUND_2);
  });

  it('says when only the layout changed, and leaves the section out without a previous round', () => {
    const doc = docFrom(round1Data);
    moveActors(doc, [{ id: 'us', x: 5, y: 5 }], createLocalOrigin());
    const brief = renderBoardBrief(readBoard(doc), { previous: round1() });
    expect(brief).toContain(
      '## Changes since the previous round\n\nNo substantive changes; 1 actor was moved on the canvas.\n',
    );
    expect(renderBoardBrief(round1(), { previous: round1() })).toContain(
      '## Changes since the previous round\n\nNo changes.\n',
    );
    const live = renderBoardBrief(round1());
    expect(live).not.toContain('Changes since');
    expect(live).toContain('*Live board*');
  });

  it('escapes user text so it cannot add HTML, headings, lists or emphasis', () => {
    const brief = renderBoardBrief(nastyBoard(), { roundName: '<i>r</i>', previous: round1() });
    // No raw HTML: every "<" is backslash-escaped.
    expect(brief).not.toMatch(/(^|[^\\])</m);
    expect(brief).not.toContain('\u0001');
    expect(brief).not.toContain('\u0007');
    // Headings: exactly the ones the brief makes.
    expect(brief.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      `# Title ${mdInline(NASTY)}`,
      '## Changes since the previous round',
      '## Actors',
      '### -Plain, "quoted" actor',
      `### Actor ${mdInline(NASTY)}`,
    ]);
    // List items and block quotes: only where the brief puts them.
    const listLines = brief.split('\n').filter((l) => /^\s*([-+*]|\d+[.)])\s/.test(l));
    expect(listLines.every((l) => l.startsWith('- '))).toBe(true);
    expect(brief).toContain('> 1\\. not a list\n');
    expect(brief).toContain('\\# not a heading\n\\- not a list\n');
    expect(brief).toContain('\\*bold\\* \\[link\\](http://e.x)');
    expect(brief).toContain('*Round: \\<i\\>r\\</i\\>*');
  });
});

describe('markdown escaping', () => {
  it('escapes inline specials and entity-like ampersands, and keeps plain text readable', () => {
    expect(mdInline('U.S. & Iran: 50% (phase 1)')).toBe('U.S. & Iran: 50% (phase 1)');
    expect(mdInline('a_b *c* `d` [e](f) <g> h|i ~j~ #k \\l &amp; &#60;')).toBe(
      // "&\#60;" is no longer a character reference once its "#" is escaped.
      'a\\_b \\*c\\* \\`d\\` \\[e\\](f) \\<g\\> h\\|i \\~j\\~ \\#k \\\\l \\&amp; &\\#60;',
    );
    expect(mdInline('two\nlines')).toBe('two lines');
    expect(mdInline('- starts like a list')).toBe('\\- starts like a list');
    expect(mdInline('12. starts like a list')).toBe('12\\. starts like a list');
  });

  it('keeps paragraphs in multi-line text and escapes block starts on every line', () => {
    expect(mdLines('\n\nfirst\n   + item\n\n\n2) two\n===\n\n')).toEqual([
      'first',
      '\\+ item',
      '',
      '2\\) two',
      '\\===',
    ]);
  });
});
