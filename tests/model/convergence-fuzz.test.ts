import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actorsMap, metaMap, readBoard, relationsMap } from '../../shared/board-doc.ts';
import { docToExport, parseExportedBoard } from '../../shared/export-json.ts';
import {
  addActor,
  addRelation,
  cleanupOrphans,
  deleteActors,
  deleteRelations,
  moveActors,
  setMeta,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import { CLEANUP_ORIGIN, TEMPLATE_ORIGIN } from '../../shared/origins.ts';
import { ACTOR_KINDS, RELATION_TYPES } from '../../shared/types.ts';
import { FuzzNetwork, type Replica } from './fuzz-network.ts';
import { Prng } from './prng.ts';

const LABELS = ['United States', 'Iran', 'Israel', 'Pakistan', 'India', 'China', 'IMF', 'Mediators'];
const RELATION_LABELS = ['Reopen Hormuz', 'Sanctions relief', 'Energy strikes', 'Islamabad talks', 'Later'];

/** What the test knows independently of Yjs, to check that nothing was lost or resurrected. */
interface Ledger {
  actorsAdded: Set<string>;
  actorsDeleted: Set<string>;
  relations: Map<string, { source: string; target: string }>;
  relationsDeleted: Set<string>;
}

interface FuzzStats {
  ops: number;
  delivered: number;
  duplicates: number;
  disconnects: number;
  cleanups: number;
  actors: number;
  relations: number;
}

function localActorIds(r: Replica): string[] {
  return [...actorsMap(r.doc).keys()].sort();
}

function localRelationIds(r: Replica): string[] {
  return [...relationsMap(r.doc).keys()].sort();
}

/** One random edit through the shared mutations, as a person at replica r would make it. */
function randomEdit(rng: Prng, r: Replica, ledger: Ledger, counter: { n: number }): void {
  const { doc, origin } = r;
  const actors = localActorIds(r);
  const relations = localRelationIds(r);
  const op = rng.weighted({
    addActor: actors.length < 4 ? 6 : 3,
    move: 3,
    rename: 2,
    editFields: 1,
    deleteActor: 1,
    connect: 4,
    retype: 1.5,
    deleteRelation: 1,
    meta: 0.5,
  });
  const someActor = rng.pick(actors);
  const someRelation = rng.pick(relations);
  switch (op) {
    case 'addActor': {
      const id = `a${r.index}-${counter.n++}`;
      const label = `${rng.pick(LABELS)} ${rng.int(100)}`;
      addActor(doc, { label, kind: rng.pick(ACTOR_KINDS), x: rng.int(1400), y: rng.int(800) }, origin, id);
      ledger.actorsAdded.add(id);
      return;
    }
    case 'move': {
      const ids = rng.shuffle([...actors]).slice(0, 1 + rng.int(3));
      moveActors(
        doc,
        ids.map((id) => ({ id, x: rng.int(1400) - 100, y: rng.int(800) - 50 })),
        origin,
      );
      return;
    }
    case 'rename':
      if (someActor) updateActor(doc, someActor, { label: `${rng.pick(LABELS)} ${rng.int(100)}` }, origin);
      return;
    case 'editFields':
      if (someActor) {
        updateActor(
          doc,
          someActor,
          {
            kind: rng.pick(ACTOR_KINDS),
            stance: rng.chance(0.3) ? null : `stance ${rng.int(10)}`,
            color: rng.chance(0.5) ? null : '#d62728',
          },
          origin,
        );
      }
      return;
    case 'deleteActor':
      if (someActor) {
        deleteActors(doc, [someActor], origin);
        ledger.actorsDeleted.add(someActor);
      }
      return;
    case 'connect': {
      const [source, target] = rng.shuffle([...actors]);
      if (source === undefined || target === undefined) return;
      const id = `r${r.index}-${counter.n++}`;
      const label = rng.chance(0.7) ? rng.pick(RELATION_LABELS) : undefined;
      addRelation(doc, { source, target, type: rng.pick(RELATION_TYPES) ?? 'demands', label }, origin, id);
      ledger.relations.set(id, { source, target });
      return;
    }
    case 'retype':
      if (someRelation) {
        updateRelation(
          doc,
          someRelation,
          rng.chance(0.5) ? { type: rng.pick(RELATION_TYPES) } : { label: rng.pick(RELATION_LABELS) ?? null },
          origin,
        );
      }
      return;
    case 'deleteRelation':
      if (someRelation) {
        deleteRelations(doc, [someRelation], origin);
        ledger.relationsDeleted.add(someRelation);
      }
      return;
    case 'meta':
      setMeta(
        doc,
        rng.chance(0.5) ? { title: `Board ${rng.int(50)}` } : { description: `d${rng.int(50)}` },
        origin,
      );
      return;
  }
}

/**
 * Runs one seeded session and checks convergence. Replica 0 behaves like the
 * server (cleanup after every batch it applies); the others clean up at random.
 */
function runFuzz(seed: number, ops: number, withUndo = false): FuzzStats {
  const rng = new Prng(seed);
  const net = new FuzzNetwork(3 + rng.int(3), rng);
  // Each person's own undo manager (R9); undo re-creates deleted items under their old ids.
  const undoers = net.replicas.map(
    (r) =>
      new Y.UndoManager([actorsMap(r.doc), relationsMap(r.doc), metaMap(r.doc)], {
        trackedOrigins: new Set([r.origin]),
        captureTimeout: 0,
      }),
  );
  const ledger: Ledger = {
    actorsAdded: new Set(),
    actorsDeleted: new Set(),
    relations: new Map(),
    relationsDeleted: new Set(),
  };
  const counter = { n: 0 };
  let disconnects = 0;
  let cleanups = 0;
  const [server] = net.replicas;
  if (!server) throw new Error('no replicas');
  // Boards are created with a title; the system origin keeps it off every undo stack.
  setMeta(server.doc, { title: `Fuzz ${seed}` }, TEMPLATE_ORIGIN);

  for (let step = 0; step < ops; step++) {
    net.tick();
    const r = rng.pick(net.replicas) as Replica;
    const action = rng.weighted({
      edit: 6,
      deliver: 3,
      disconnect: 0.25,
      cleanup: 0.5,
      undo: withUndo ? 0.6 : 0,
      redo: withUndo ? 0.3 : 0,
    });
    if (action === 'edit') {
      randomEdit(rng, r, ledger, counter);
    } else if (action === 'undo') {
      undoers[r.index]?.undo();
    } else if (action === 'redo') {
      undoers[r.index]?.redo();
    } else if (action === 'deliver') {
      if (net.deliver(r, 1 + rng.int(8)) > 0 && r === server) {
        cleanupOrphans(r.doc, CLEANUP_ORIGIN);
        cleanups += 1;
      }
    } else if (action === 'disconnect') {
      if (r !== server && net.online(r)) {
        net.disconnect(r, 5 + rng.int(40));
        disconnects += 1;
      }
    } else {
      cleanupOrphans(r.doc, CLEANUP_ORIGIN);
      cleanups += 1;
    }
  }

  net.drain();
  for (const r of net.replicas) cleanupOrphans(r.doc, CLEANUP_ORIGIN);
  net.drain();

  const boards = net.replicas.map((r) => JSON.stringify(readBoard(r.doc)));
  const vectors = net.replicas.map((r) => Buffer.from(Y.encodeStateVector(r.doc)).toString('hex'));
  for (const r of net.replicas) {
    expect(boards[r.index], `seed ${seed}: replica ${r.index} board differs`).toBe(boards[0]);
    expect(vectors[r.index], `seed ${seed}: replica ${r.index} state vector differs`).toBe(vectors[0]);
    expect(r.doc.store.pendingStructs, `seed ${seed}: replica ${r.index} still pending`).toBeNull();
    expect(r.doc.store.pendingDs, `seed ${seed}: replica ${r.index} pending deletes`).toBeNull();
    // No orphan anywhere: every relation entry left, visible or not, has both actors.
    const actors = new Set(actorsMap(r.doc).keys());
    for (const [id, map] of relationsMap(r.doc)) {
      expect(actors.has(map.get('source') as string), `seed ${seed}: ${id} source`).toBe(true);
      expect(actors.has(map.get('target') as string), `seed ${seed}: ${id} target`).toBe(true);
    }
    // R4 placeholders keep the export importable even where an undo emptied a label (undo.test.ts).
    const parsed = parseExportedBoard(docToExport(r.doc));
    expect(parsed.ok ? '' : parsed.error, `seed ${seed}: export`).toBe('');
  }

  const board = readBoard(server.doc);
  const stats = {
    ops,
    delivered: net.delivered,
    duplicates: net.duplicates,
    disconnects,
    cleanups,
    actors: board.actors.length,
    relations: board.relations.length,
  };
  // Undo brings items back, so the ledger below only holds for runs without it.
  if (withUndo) return stats;

  // Nothing lost, nothing resurrected: the final board is exactly what the ledger predicts.
  const expectedActors = [...ledger.actorsAdded].filter((id) => !ledger.actorsDeleted.has(id)).sort();
  expect(
    board.actors.map((a) => a.id),
    `seed ${seed}: actors`,
  ).toEqual(expectedActors);
  const expectedRelations = [...ledger.relations]
    .filter(
      ([id, { source, target }]) =>
        !ledger.relationsDeleted.has(id) &&
        !ledger.actorsDeleted.has(source) &&
        !ledger.actorsDeleted.has(target),
    )
    .map(([id]) => id)
    .sort();
  expect(
    board.relations.map((r) => r.id),
    `seed ${seed}: relations`,
  ).toEqual(expectedRelations);
  expect(relationsMap(server.doc).size).toBe(expectedRelations.length);
  return stats;
}

describe('convergence fuzz', () => {
  const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
  const UNDO_SEEDS = Array.from({ length: 10 }, (_, i) => 1000 + i);
  const seen: FuzzStats[] = [];

  for (const seed of SEEDS) {
    it(`[R8] [R11] seed ${seed}: 300 random ops on 3–5 replicas converge, nothing lost, no orphan`, () => {
      const stats = runFuzz(seed, 300);
      seen.push(stats);
      // Guard against a fuzz that silently stopped doing anything interesting.
      expect(stats.delivered).toBeGreaterThan(100);
      expect(stats.actors + stats.relations).toBeGreaterThan(0);
    });
  }

  for (const seed of UNDO_SEEDS) {
    it(`[R8] [R9] seed ${seed}: 300 random ops with per-person undo/redo converge with no orphan`, () => {
      seen.push(runFuzz(seed, 300, true));
    });
  }

  // Pinned: before cleanupOrphans learned about fields in flight, this seed lost a
  // relation whose retype arrived ahead of its dependencies (see cleanup.test.ts).
  // Seeds 5, 10, 18, 22 and 24 failed the same way.
  it('seed 8: a relation retyped out of order survives the server’s cleanup', () => {
    const stats = runFuzz(8, 300);
    expect(stats.relations).toBeGreaterThan(0);
  });

  it('the seeds above exercised disconnects, duplicate deliveries and cleanups', () => {
    expect(seen).toHaveLength(SEEDS.length + UNDO_SEEDS.length);
    expect(seen.reduce((n, s) => n + s.disconnects, 0)).toBeGreaterThan(10);
    expect(seen.reduce((n, s) => n + s.duplicates, 0)).toBeGreaterThan(50);
    expect(seen.reduce((n, s) => n + s.cleanups, 0)).toBeGreaterThan(50);
  });
});
