/**
 * Deterministic boards of any size in the export.json format, so Parley
 * (imported over HTTP) and the reference server (pushed by a client) start
 * from the same content, and the client benchmark from realistic cards.
 */
import * as Y from 'yjs';
import { type ExportedBoard, parseExportedBoard } from '../shared/export-json.ts';
import { populateBoard } from '../shared/mutations.ts';
import { IMPORT_ORIGIN } from '../shared/origins.ts';
import { ACTOR_KINDS, type Actor, RELATION_TYPES, type Relation } from '../shared/types.ts';

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'ceasefire',
  'sanctions',
  'corridor',
  'verification',
  'prisoners',
  'shipping',
  'enrichment',
  'border',
  'aid',
  'talks',
  'guarantees',
  'withdrawal',
  'monitoring',
  'elections',
  'water',
];

function phrase(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  return out.join(' ');
}

export const actorId = (i: number): string => `a_${String(i).padStart(5, '0')}`;

/** A board of `actors` actors on a grid and `relations` relations between distinct actors. */
export function generateBoard(actors: number, relations: number, seed = 1): ExportedBoard {
  const random = seededRandom(seed);
  const columns = Math.max(1, Math.ceil(Math.sqrt(actors)));
  const actorList: Actor[] = [];
  for (let i = 0; i < actors; i += 1) {
    const actor: Actor = {
      id: actorId(i),
      label: `Actor ${i} ${phrase(random, 1)}`,
      kind: ACTOR_KINDS[i % ACTOR_KINDS.length] as Actor['kind'],
      x: (i % columns) * 280,
      y: Math.floor(i / columns) * 160,
    };
    if (i % 3 === 0) actor.stance = `Insists on ${phrase(random, 6)} before any ${phrase(random, 2)}.`;
    actorList.push(actor);
  }
  const relationList: Relation[] = [];
  for (let i = 0; i < relations && actors > 1; i += 1) {
    const source = Math.floor(random() * actors);
    let target = Math.floor(random() * (actors - 1));
    if (target >= source) target += 1;
    const relation: Relation = {
      id: `r_${String(i).padStart(5, '0')}`,
      source: actorId(source),
      target: actorId(target),
      type: RELATION_TYPES[i % RELATION_TYPES.length] as Relation['type'],
    };
    if (i % 2 === 0) relation.label = phrase(random, 3);
    relationList.push(relation);
  }
  return {
    format: 'parley-board',
    version: 1,
    title: `Bench board ${actors}/${relations}`,
    description: 'Generated for benchmarks',
    actors: actorList,
    relations: relationList,
  };
}

/** The board as one Yjs update, written exactly as Parley's import writes it (populateBoard). */
export function boardUpdate(board: ExportedBoard): Uint8Array {
  const parsed = parseExportedBoard(board);
  if (!parsed.ok) throw new Error(`generated board is invalid: ${parsed.error}`);
  const doc = new Y.Doc();
  try {
    populateBoard(doc, parsed.value, IMPORT_ORIGIN);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
