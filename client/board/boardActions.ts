/**
 * What the board UI does to the document. Each action calls a shared mutation
 * with this session's LocalOrigin, so the undo manager sees it (R9), and turns a
 * broken rule into a toast rather than an exception in an event handler.
 */
import {
  addActor,
  addRelation,
  deleteActors,
  deleteRelations,
  moveActors,
  setMeta,
  updateActor,
  updateRelation,
} from '../../shared/mutations.ts';
import type { RelationType } from '../../shared/types.ts';
import type { ActorPatch, RelationPatch } from '../../shared/validation.ts';
import { attempt } from '../app/toasts.ts';
import { ACTOR_DEFAULT_SIZE } from './flowTypes.ts';
import type { FlowPoint } from './presence.ts';
import type { BoardSession } from './session.ts';

/**
 * Read-only sessions (view link, locked board, storage failing) change nothing:
 * the server would refuse it, and a local-only change would mislead.
 */
function writable(session: BoardSession): boolean {
  return session.access.get().writable;
}

/** Rough size of a fresh actor card, to centre it on the point the user picked. */
export const NEW_ACTOR_SIZE = ACTOR_DEFAULT_SIZE;

/** Adds an actor centred on a flow point, selects it and opens its label for typing. */
export function addActorAt(session: BoardSession, point: FlowPoint): string | undefined {
  if (!writable(session)) return undefined;
  const id = attempt(() =>
    addActor(
      session.doc,
      {
        label: 'New actor',
        kind: 'other',
        x: Math.round(point.x - NEW_ACTOR_SIZE.width / 2),
        y: Math.round(point.y - NEW_ACTOR_SIZE.height / 2),
      },
      session.origin,
    ),
  );
  if (id) {
    session.edges.clearSelection();
    session.nodes.selectOnly([id]);
    session.renaming.set(id);
  }
  return id;
}

export function renameActor(session: BoardSession, id: string, label: string): boolean {
  const clean = label.trim();
  if (!writable(session) || !clean || clean === session.nodes.getActor(id)?.label) return false;
  return attempt(() => updateActor(session.doc, id, { label: clean }, session.origin)) ?? false;
}

export function editActor(session: BoardSession, id: string, patch: ActorPatch): boolean {
  if (!writable(session)) return false;
  return attempt(() => updateActor(session.doc, id, patch, session.origin)) ?? false;
}

export function editRelation(session: BoardSession, id: string, patch: RelationPatch): boolean {
  if (!writable(session)) return false;
  return attempt(() => updateRelation(session.doc, id, patch, session.origin)) ?? false;
}

/** Writes the final positions of a drag, once, on drop (R13). */
export function dropActors(session: BoardSession, moves: { id: string; x: number; y: number }[]): void {
  if (!writable(session)) return;
  const rounded = moves.map((m) => ({ id: m.id, x: Math.round(m.x), y: Math.round(m.y) }));
  attempt(() => moveActors(session.doc, rounded, session.origin));
}

export function connectActors(session: BoardSession, source: string, target: string): string | undefined {
  if (!writable(session)) return undefined;
  const type = session.relationType.get();
  const id = attempt(() => addRelation(session.doc, { source, target, type }, session.origin));
  if (id) {
    session.nodes.selectOnly([]);
    session.edges.setSelected([[id, true]]);
  }
  return id;
}

/** Deletes actors (with their relations, R3) and relations as one undoable step. */
export function deleteItems(session: BoardSession, actorIds: string[], relationIds: string[]): void {
  if (!writable(session) || (actorIds.length === 0 && relationIds.length === 0)) return;
  attempt(() =>
    session.doc.transact(() => {
      deleteRelations(session.doc, relationIds, session.origin);
      deleteActors(session.doc, actorIds, session.origin);
    }, session.origin),
  );
}

export function deleteSelection(session: BoardSession): void {
  deleteItems(session, session.nodes.getSelectedIds(), session.edges.getSelectedIds());
}

/** Picks the type for new connections and re-types any selected relations (keys 1–4). */
export function chooseRelationType(session: BoardSession, type: RelationType): void {
  session.relationType.set(type);
  const selected = session.edges.getSelectedIds();
  if (selected.length === 0 || !writable(session)) return;
  attempt(() =>
    session.doc.transact(() => {
      for (const id of selected) updateRelation(session.doc, id, { type }, session.origin);
    }, session.origin),
  );
}

export function renameBoard(session: BoardSession, title: string): boolean {
  const clean = title.trim();
  if (!clean || !writable(session)) return false;
  attempt(() => setMeta(session.doc, { title: clean }, session.origin));
  return true;
}

export function undo(session: BoardSession): void {
  if (writable(session)) session.undoManager.undo();
}

export function redo(session: BoardSession): void {
  if (writable(session)) session.undoManager.redo();
}
