import type { ExportedBoard } from '../export-json.ts';

/**
 * Written from seed 003 (a report from Islamabad on the 2025 India–Pakistan
 * ceasefire). Layout: India left, Pakistan right, the US envoys and China in the
 * middle column above the parties, the deferred issues below them, Pakistan's
 * backers and its army chief around Pakistan; cards up to 230×110 px never overlap
 * and no relation runs through a third card on a ~1400×800 canvas.
 */
export const indiaPakistan2025: ExportedBoard = {
  format: 'parley-board',
  version: 1,
  title: 'India–Pakistan ceasefire (2025)',
  description:
    'After days of missile and drone strikes, US backchannel calls bring India and Pakistan to an ' +
    'immediate ceasefire and a promise of talks on a broad set of issues at a neutral venue, with no ' +
    'date or place. Each side tells a different story of who came out ahead.',
  actors: [
    {
      id: 'vance',
      label: 'J.D. Vance (US)',
      kind: 'person',
      x: 40,
      y: 10,
      stance:
        'US Vice President. Phoned Modi after alarming intelligence, warned the conflict could spiral and pressed India to ' +
        'speak to Pakistan directly; floated an off-ramp Washington thought Pakistan could accept.',
    },
    {
      id: 'rubio',
      label: 'Marco Rubio (US)',
      kind: 'person',
      x: 585,
      y: 10,
      stance:
        'US Secretary of State. Worked the phones overnight with both capitals and announced the ceasefire; praised both prime ' +
        'ministers. For Washington, wary of a South Asian entanglement, it is a diplomatic win.',
    },
    {
      id: 'munir',
      label: 'Gen. Asim Munir',
      kind: 'person',
      x: 1130,
      y: 10,
      stance: "Pakistan's powerful army chief, one of the senior officials in the US backchannel talks.",
    },
    {
      id: 'china',
      label: 'China',
      kind: 'state',
      x: 585,
      y: 170,
      stance: 'Called on both sides to show restraint.',
    },
    {
      id: 'india',
      label: 'India',
      kind: 'state',
      x: 40,
      y: 300,
      stance:
        'Agreed to an immediate ceasefire and to wider talks at a neutral venue. Had hoped the West would ' +
        'lean its way and to keep its image as the net security provider of South Asia.',
    },
    {
      id: 'pakistan',
      label: 'Pakistan',
      kind: 'state',
      x: 1130,
      y: 300,
      stance:
        'Accepted the ceasefire and presents the clash as a clear victory won without nearing the ' +
        'nuclear threshold; says restraint is over and that Kashmir is back on the world agenda.',
    },
    {
      id: 'talks',
      label: 'Talks on a broad set of issues',
      kind: 'other',
      x: 585,
      y: 440,
      stance: 'Promised by both sides for a neutral location; neither a venue nor a date has been named.',
    },
    {
      id: 'imf',
      label: 'IMF',
      kind: 'organisation',
      x: 1160,
      y: 460,
      stance: 'Released a loan tranche to Pakistan despite the fighting; Islamabad reads it as confidence.',
    },
    {
      id: 'critics',
      label: 'Indian hawkish critics',
      kind: 'other',
      x: 40,
      y: 520,
      stance:
        'Defence analysts and strategists who call the ceasefire an unfinished operation and one more ' +
        'squandered military advantage, in a line they trace back to 1948.',
    },
    {
      id: 'saudi',
      label: 'Saudi Arabia',
      kind: 'state',
      x: 875,
      y: 640,
      stance: 'Issued a statement of solidarity with Pakistan.',
    },
    {
      id: 'kashmir',
      label: 'Kashmir',
      kind: 'other',
      x: 585,
      y: 640,
      stance: 'The underlying dispute: unresolved, and pulled back into international view by the clash.',
    },
    {
      id: 'turkiye',
      label: 'Türkiye',
      kind: 'state',
      x: 1160,
      y: 640,
      stance: 'Issued a statement of solidarity with Pakistan.',
    },
  ],
  relations: [
    {
      id: 'r-vance-india',
      source: 'vance',
      target: 'india',
      type: 'mediates',
      label: 'Call to Modi: talk to Pakistan directly',
    },
    {
      id: 'r-rubio-india',
      source: 'rubio',
      target: 'india',
      type: 'mediates',
      label: 'Overnight calls with New Delhi',
    },
    {
      id: 'r-rubio-pakistan',
      source: 'rubio',
      target: 'pakistan',
      type: 'mediates',
      label: 'Overnight calls with PM Sharif',
    },
    {
      id: 'r-rubio-munir',
      source: 'rubio',
      target: 'munir',
      type: 'mediates',
      label: 'Backchannel with the army chief',
    },
    {
      id: 'r-india-pakistan-strikes',
      source: 'india',
      target: 'pakistan',
      type: 'threatens',
      label: 'Missile and drone strikes, warnings of more',
    },
    {
      id: 'r-pakistan-india-retaliation',
      source: 'pakistan',
      target: 'india',
      type: 'threatens',
      label: 'Calibrated retaliation; restraint is over',
    },
    {
      id: 'r-china-india-restraint',
      source: 'china',
      target: 'india',
      type: 'demands',
      label: 'Show restraint',
    },
    {
      id: 'r-china-pakistan-restraint',
      source: 'china',
      target: 'pakistan',
      type: 'demands',
      label: 'Show restraint',
    },
    {
      id: 'r-critics-india',
      source: 'critics',
      target: 'india',
      type: 'demands',
      label: 'Finish the operation rather than stop',
    },
    {
      id: 'r-india-talks',
      source: 'india',
      target: 'talks',
      type: 'deferred',
      label: 'Pledged; no venue or date yet',
    },
    {
      id: 'r-pakistan-talks',
      source: 'pakistan',
      target: 'talks',
      type: 'deferred',
      label: 'Pledged; no venue or date yet',
    },
    {
      id: 'r-india-kashmir',
      source: 'india',
      target: 'kashmir',
      type: 'deferred',
      label: 'Not addressed by the ceasefire',
    },
    {
      id: 'r-pakistan-kashmir',
      source: 'pakistan',
      target: 'kashmir',
      type: 'deferred',
      label: 'Back in the spotlight, still unresolved',
    },
  ],
};
