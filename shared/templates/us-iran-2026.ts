import type { ExportedBoard } from '../export-json.ts';

/**
 * Written from seeds 000–002 (commentary and reporting on the 2026 US–Iran
 * ceasefire). Layout: the two parties at the left and right edges, mediators in
 * the middle column, Israel and the Lebanon front below Iran, so that no edge
 * has to cross a node on a ~1400×800 canvas with cards up to 230×110 px.
 */
export const usIran2026: ExportedBoard = {
  format: 'parley-board',
  version: 1,
  title: 'US–Iran ceasefire (2026)',
  description:
    'A two-week truce that Washington and Tehran describe in different terms: the US wants conduct ' +
    '(Hormuz open, attacks stopped) before talks, Iran wants outcomes (relief, compensation, ' +
    'recognition). Pakistan hosts; backchannel mediators push a phased deal that leaves the nuclear ' +
    'file for later.',
  actors: [
    {
      id: 'nuclear',
      label: "Iran's nuclear programme",
      kind: 'other',
      x: 585,
      y: 10,
      stance:
        'The uranium stockpile and enrichment capacity: the largest obstacle to a full deal, kept out of ' +
        'the first phase.',
    },
    {
      id: 'mediators',
      label: 'Backchannel mediators',
      kind: 'mediator',
      x: 585,
      y: 190,
      stance:
        'Working behind the scenes while no second formal round has taken place; pressing both capitals ' +
        'to close a phased framework before the ceasefire breaks down.',
    },
    {
      id: 'trump',
      label: 'Donald Trump',
      kind: 'person',
      x: 40,
      y: 230,
      stance:
        'Sets deadlines, extends them citing good conversations, then escalates the warnings. Says any ' +
        'comprehensive deal must strip Iran of its uranium stockpile and its enrichment.',
    },
    {
      id: 'shipping',
      label: 'International shipping',
      kind: 'other',
      x: 1130,
      y: 60,
      stance: 'Needs the Strait of Hormuz fully open again, with no Iranian restrictions or tolls.',
    },
    {
      id: 'iran',
      label: 'Iran',
      kind: 'state',
      x: 1130,
      y: 340,
      stance:
        'Reads the truce as a temporary halt, not the end of the war, and as a step towards a wider ' +
        'settlement: an end to the wars on all fronts, sanctions lifted, frozen assets released, ' +
        'compensation paid and its primacy in the region acknowledged. Refuses to give up enrichment.',
    },
    {
      id: 'us',
      label: 'United States',
      kind: 'state',
      x: 40,
      y: 430,
      stance:
        'Says it has met its objectives and treats the ceasefire as a conditional pause: compliance ' +
        'first, diplomacy after. Bets that pressure will narrow what Iran asks for.',
    },
    {
      id: 'pakistan',
      label: 'Pakistan',
      kind: 'mediator',
      x: 585,
      y: 540,
      stance:
        'Announced the two-week ceasefire and offers Islamabad as a neutral venue; provides logistics ' +
        'and visibility, but little leverage over either party.',
    },
    {
      id: 'israel',
      label: 'Israel',
      kind: 'state',
      x: 1130,
      y: 580,
      stance:
        'Not fully bound by the ceasefire; keeps to its own timetable and continues operations in Lebanon.',
    },
    {
      id: 'lebanon',
      label: 'Lebanon front',
      kind: 'other',
      x: 800,
      y: 680,
      stance: 'A front the truce has not quieted: Israeli operations there are continuing.',
    },
  ],
  relations: [
    {
      id: 'r-us-iran-hormuz',
      source: 'us',
      target: 'iran',
      type: 'demands',
      label: 'Reopen Hormuz and stop attacks; then talk',
    },
    {
      id: 'r-us-iran-energy',
      source: 'us',
      target: 'iran',
      type: 'threatens',
      label: 'Hit energy sites; blockade and port measures',
    },
    {
      id: 'r-iran-us-relief',
      source: 'iran',
      target: 'us',
      type: 'demands',
      label: 'Lift sanctions, release frozen assets',
    },
    {
      id: 'r-iran-us-recognition',
      source: 'iran',
      target: 'us',
      type: 'demands',
      label: 'Compensation; recognise its regional role',
    },
    {
      id: 'r-trump-iran-deadlines',
      source: 'trump',
      target: 'iran',
      type: 'threatens',
      label: 'Deadlines, extended, then dire warnings',
    },
    {
      id: 'r-trump-nuclear-stockpile',
      source: 'trump',
      target: 'nuclear',
      type: 'demands',
      label: 'Give up uranium stockpile and enrichment',
    },
    {
      id: 'r-mediators-nuclear-later',
      source: 'mediators',
      target: 'nuclear',
      type: 'deferred',
      label: 'Left out of phase one, for later talks',
    },
    {
      id: 'r-mediators-us',
      source: 'mediators',
      target: 'us',
      type: 'mediates',
      label: 'Close a phased deal before the truce breaks',
    },
    {
      id: 'r-mediators-iran',
      source: 'mediators',
      target: 'iran',
      type: 'mediates',
      label: 'Phase one: reopen strait, pre-war status quo',
    },
    {
      id: 'r-pakistan-us',
      source: 'pakistan',
      target: 'us',
      type: 'mediates',
      label: 'Hosts talks in Islamabad',
    },
    {
      id: 'r-pakistan-iran',
      source: 'pakistan',
      target: 'iran',
      type: 'mediates',
      label: 'Brokered the two-week ceasefire',
    },
    {
      id: 'r-iran-shipping-tolls',
      source: 'iran',
      target: 'shipping',
      type: 'threatens',
      label: 'Closure, restrictions or tolls in the strait',
    },
    {
      id: 'r-israel-iran-timetable',
      source: 'israel',
      target: 'iran',
      type: 'threatens',
      label: 'Not bound by the truce; own timetable',
    },
    {
      id: 'r-israel-lebanon',
      source: 'israel',
      target: 'lebanon',
      type: 'threatens',
      label: 'Operations continue despite the ceasefire',
    },
  ],
};
