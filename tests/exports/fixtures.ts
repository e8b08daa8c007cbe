/**
 * Boards for the export tests, built through the real board model
 * (populateBoard + the mutations + readBoard), so they are boards Parley
 * could actually hold. Written from the US–Iran ceasefire seed articles.
 */
import * as Y from 'yjs';
import { readBoard } from '../../shared/board-doc.ts';
import {
  addActor,
  addRelation,
  deleteRelations,
  moveActors,
  populateBoard,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import { createLocalOrigin, TEMPLATE_ORIGIN } from '../../shared/origins.ts';
import type { BoardData } from '../../shared/types.ts';

export const round1Data: BoardData = {
  meta: { title: 'US–Iran ceasefire (2026)', description: 'Two-week ceasefire; talks in Islamabad.' },
  actors: [
    {
      id: 'us',
      label: 'United States',
      kind: 'state',
      x: 0,
      y: 0,
      stance: 'Reopen the Strait of Hormuz and stop attacks first; talk afterwards.',
    },
    {
      id: 'iran',
      label: 'Iran',
      kind: 'state',
      x: 520,
      y: 0,
      stance: 'Sanctions relief, frozen assets and compensation.',
    },
    {
      id: 'pakistan',
      label: 'Pakistan',
      kind: 'mediator',
      x: 260,
      y: 220,
      stance: 'Hosts the talks in Islamabad.',
    },
    { id: 'israel', label: 'Israel', kind: 'state', x: 780, y: 220, notes: 'Acts on its own timetable.' },
  ],
  relations: [
    { id: 'r_hormuz', source: 'us', target: 'iran', type: 'demands', label: 'reopen the Strait of Hormuz' },
    { id: 'r_sanctions', source: 'iran', target: 'us', type: 'demands', label: 'sanctions relief' },
    {
      id: 'r_strait_threat',
      source: 'iran',
      target: 'us',
      type: 'threatens',
      label: 'keep the strait closed',
    },
    {
      id: 'r_energy',
      source: 'us',
      target: 'iran',
      type: 'threatens',
      label: 'strikes on energy infrastructure',
    },
    { id: 'r_talks_us', source: 'pakistan', target: 'us', type: 'mediates', label: 'Islamabad talks' },
    { id: 'r_talks_iran', source: 'pakistan', target: 'iran', type: 'mediates' },
    {
      id: 'r_nuclear',
      source: 'us',
      target: 'iran',
      type: 'demands',
      label: 'give up the uranium stockpile',
    },
    { id: 'r_lebanon', source: 'israel', target: 'iran', type: 'threatens', label: 'operations in Lebanon' },
  ],
};

/** A Y.Doc holding `data`, written the way a template or import is. */
export function docFrom(data: BoardData): Y.Doc {
  const doc = new Y.Doc();
  populateBoard(doc, data, TEMPLATE_ORIGIN);
  return doc;
}

/** Round 1 as read back from a real document. */
export function round1(): BoardData {
  return readBoard(docFrom(round1Data));
}

/**
 * Round 2: phase one agreed. Each change is made with the real mutations, as
 * a facilitator would make it on the canvas.
 */
export function round2(): BoardData {
  const doc = docFrom(round1Data);
  const me = createLocalOrigin();
  updateRelation(doc, 'r_strait_threat', { type: 'demands' }, me);
  updateRelation(doc, 'r_nuclear', { type: 'deferred' }, me);
  updateActor(doc, 'iran', { stance: 'Phase one first: the pre-war status quo, no tolls.' }, me);
  moveActors(doc, [{ id: 'pakistan', x: 300, y: 260 }], me);
  addActor(doc, { label: 'Saudi Arabia', kind: 'state', x: 260, y: 420 }, me, 'saudi');
  addRelation(
    doc,
    { source: 'saudi', target: 'pakistan', type: 'mediates', label: 'backs the talks' },
    me,
    'r_saudi',
  );
  deleteRelations(doc, ['r_hormuz'], me);
  return readBoard(doc);
}

/** Text that breaks naive XML, CSV and Markdown writers. */
export const NASTY = `<script>alert("x")</script> & 'Co' ]]> &amp; | *bold* [link](http://e.x)`;

/** A board whose every text field is hostile (the relation label ends in a BEL control character). */
export function nastyBoard(): BoardData {
  return readBoard(
    docFrom({
      meta: { title: `Title ${NASTY}`, description: `Line one\n# not a heading\n- not a list\n${NASTY}` },
      actors: [
        {
          id: 'evil.actor:1',
          label: `Actor ${NASTY}`,
          kind: 'armed-group',
          x: -40.5,
          y: 12.25,
          stance: `First line\n1. not a list\n=cmd|' /C calc'!A0\n${NASTY}`,
          notes: `Tab\there, CR\r\nand a control char \u0001 gone`,
          color: '#aa3300',
        },
        { id: 'plain', label: '-Plain, "quoted" actor', kind: 'organisation', x: 300, y: 200 },
      ],
      relations: [
        {
          id: 'r-evil_1',
          source: 'evil.actor:1',
          target: 'plain',
          type: 'threatens',
          label: `Rel ${NASTY}\u0007`,
          notes: '@SUM(1+1)\nsecond line',
        },
      ],
    }),
  );
}
