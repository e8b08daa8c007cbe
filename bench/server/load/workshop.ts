/**
 * A simulated workshop for the storage scenario: each client drops actors at
 * new positions (one document update per drop, R13) and now and then makes a
 * real edit: renames, stances, new actors, new relations, deletions.
 */

import { actorsMap } from '../../../shared/board-doc.ts';
import { addActor, addRelation, deleteActors, deleteRelations } from '../../../shared/mutations.ts';
import { RELATION_TYPES } from '../../../shared/types.ts';
import { seededRandom } from '../../board-content.ts';
import type { WorkshopCommand, WorkshopResult } from './commands.ts';
import type { ProtocolClient } from './protocol-client.ts';

const EDIT_WEIGHTS: [string, number][] = [
  ['rename', 8],
  ['stance', 4],
  ['add-actor', 4],
  ['add-relation', 5],
  ['delete-relation', 2],
  ['delete-actor', 2],
];

/** Splits `total` over `n` clients as evenly as possible. */
const share = (total: number, n: number, i: number): number =>
  Math.floor(total / n) + (i < total % n ? 1 : 0);

interface ClientState {
  client: ProtocolClient;
  actors: string[];
  added: string[];
  relations: { id: string; source: string; target: string }[];
}

function pickEdit(random: () => number): string {
  const total = EDIT_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [kind, weight] of EDIT_WEIGHTS) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'rename';
}

/** Performs one edit; returns what it actually did (a rename when the wanted edit is not possible). */
function edit(state: ClientState, kind: string, random: () => number, n: number): string {
  const { client } = state;
  const doc = client.doc;
  const any = (list: string[]): string => list[Math.floor(random() * list.length)] as string;
  switch (kind) {
    case 'stance':
      client.edit(any(state.actors), { stance: `Position ${n}: will not move before round ${n % 7}.` });
      return kind;
    case 'add-actor': {
      const id = addActor(
        doc,
        { label: `New actor ${n}`, kind: 'organisation', x: n % 3000, y: n % 2000 },
        client.origin,
      );
      state.actors.push(id);
      state.added.push(id);
      return kind;
    }
    case 'add-relation': {
      if (state.actors.length < 2) break;
      const source = any(state.actors);
      const target = any(state.actors.filter((a) => a !== source));
      const type = RELATION_TYPES[n % RELATION_TYPES.length] as (typeof RELATION_TYPES)[number];
      const id = addRelation(doc, { source, target, type, label: `issue ${n}` }, client.origin);
      state.relations.push({ id, source, target });
      return kind;
    }
    case 'delete-relation': {
      const relation = state.relations.pop();
      if (!relation) break;
      deleteRelations(doc, [relation.id], client.origin);
      return kind;
    }
    case 'delete-actor': {
      const id = state.added.pop();
      if (!id || !actorsMap(doc).has(id)) break;
      deleteActors(doc, [id], client.origin);
      state.actors = state.actors.filter((a) => a !== id);
      state.relations = state.relations.filter((r) => r.source !== id && r.target !== id);
      return kind;
    }
  }
  client.edit(any(state.actors), { label: `Renamed ${n}` });
  return 'rename';
}

export async function runWorkshop(
  clients: ProtocolClient[],
  command: WorkshopCommand,
): Promise<WorkshopResult> {
  const random = seededRandom(command.seed);
  const ops: Record<string, number> = { move: 0 };
  const started = performance.now();
  const period = 1000 / command.opsPerSecPerClient;
  await Promise.all(
    clients.map(async (client, i) => {
      const state: ClientState = {
        client,
        actors: [...(command.actorIds[i] ?? [])],
        added: [],
        relations: [],
      };
      // The client's drops and edits, shuffled together.
      const plan: ('move' | 'edit')[] = [
        ...Array<'move'>(share(command.moves, clients.length, i)).fill('move'),
        ...Array<'edit'>(share(command.edits, clients.length, i)).fill('edit'),
      ];
      for (let k = plan.length - 1; k > 0; k -= 1) {
        const j = Math.floor(random() * (k + 1));
        [plan[k], plan[j]] = [plan[j] as 'move' | 'edit', plan[k] as 'move' | 'edit'];
      }
      await new Promise((resolve) => setTimeout(resolve, random() * period));
      const t0 = performance.now();
      for (let n = 0; n < plan.length; n += 1) {
        if (!client.isOpen) throw new Error('a workshop client was disconnected');
        if (plan[n] === 'move' && state.actors.length > 0) {
          const id = state.actors[Math.floor(random() * state.actors.length)] as string;
          client.move(id, Math.round(random() * 4000), Math.round(random() * 3000));
          ops.move = (ops.move ?? 0) + 1;
        } else {
          const done = edit(state, pickEdit(random), random, i * 100_000 + n);
          ops[done] = (ops[done] ?? 0) + 1;
        }
        // Paced against the client's own start, so timer drift does not slow the workshop.
        const wait = t0 + (n + 1) * period - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }),
  );
  return { ops, elapsedMs: performance.now() - started };
}
