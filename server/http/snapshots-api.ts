/**
 * Rounds (issue 4), under /api/boards/:id:
 * - POST snapshots { name, note?, savedBy? } → 201 the round (edit or owner link);
 * - GET snapshots → the rounds, oldest first, without content (any link);
 * - GET snapshots/:sid → the round and its board as export JSON (any link);
 * - POST snapshots/:sid/restore { savedBy? } → the round applied to the live
 *   board as a new change; the live state is first saved as a round named
 *   "Before restoring …", so the restore can itself be undone (edit or owner);
 * - GET diff?from=<sid|live>&to=<sid|live> → { diff, changelog } (any link).
 */
import { type Request, Router } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import { type BoardDiff, diffBoards } from '../../shared/diff/board-diff.ts';
import { describeDiff } from '../../shared/diff/describe-diff.ts';
import { boardToExport } from '../../shared/export-json.ts';
import type { BoardData } from '../../shared/types.ts';
import { formatZodError } from '../../shared/validation.ts';
import type { AccessControl } from '../access/access-control.ts';
import { roleMayWrite } from '../access/board-access.ts';
import type { RoomRegistry } from '../room-registry.ts';
import { restoreRound } from '../rounds/restore-round.ts';
import { loadLive, loadRound, roundJson } from '../rounds/round-boards.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import {
  isSnapshotId,
  SNAPSHOT_BY_MAX,
  SNAPSHOT_NAME_MAX,
  SNAPSHOT_NOTE_MAX,
  type SnapshotRecord,
  snapshotId,
} from '../storage/snapshot-storage.ts';
import { type BoardGrant, boardIdParam, requireBoardRole } from './board-auth.ts';
import { HttpError } from './errors.ts';

const savedBySchema = z.string().trim().min(1).max(SNAPSHOT_BY_MAX).optional();

const saveSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(SNAPSHOT_NAME_MAX),
    note: z.string().trim().max(SNAPSHOT_NOTE_MAX).optional(),
    savedBy: savedBySchema,
  })
  .strict();

const restoreSchema = z.union([z.undefined(), z.object({ savedBy: savedBySchema }).strict()]);

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
  return parsed.data;
}

/** The `:sid` of a round route, checked before it reaches storage. */
export function snapshotIdParam(req: Request): string {
  const sid = req.params.sid;
  if (!isSnapshotId(sid)) throw new HttpError(400, 'invalid snapshot id');
  return sid;
}

function requireWriter(grant: BoardGrant, what: string): void {
  if (roleMayWrite(grant.role, grant.locked)) return;
  throw new HttpError(
    403,
    grant.role === 'view' ? `a view link cannot ${what}` : `the board is locked: only its owner can ${what}`,
  );
}

const defaultBy = (grant: BoardGrant) => (grant.role === 'owner' ? 'Facilitator' : 'Editor');

export interface RoundsDeps {
  storage: ParleyStorage;
  registry: RoomRegistry;
  access: AccessControl;
}

/** Saves the live board as a round now; null when the board is gone. */
async function saveLive(
  { storage, registry }: RoundsDeps,
  boardId: string,
  name: string,
  savedBy: string,
  note?: string,
): Promise<SnapshotRecord | null> {
  const state = await registry.readBoard(boardId, (doc) => Y.encodeStateAsUpdate(doc));
  if (!state) return null;
  return storage.saveSnapshot({
    id: snapshotId(boardId, name, state),
    boardId,
    name,
    ...(note ? { note } : {}),
    savedAt: Date.now(),
    savedBy,
    state,
  });
}

/** `live` or a round id, as a board with a label for the response. */
async function side(deps: RoundsDeps, boardId: string, which: unknown, param: string) {
  if (which === 'live') {
    const board = await loadLive(deps.registry, boardId);
    if (!board) throw new HttpError(404, 'board not found');
    return { ref: 'live' as const, board };
  }
  if (!isSnapshotId(which)) throw new HttpError(400, `${param}: expected a snapshot id or "live"`);
  const round = await loadRound(deps.storage, boardId, which);
  if (!round) throw new HttpError(404, `${param}: no such snapshot on this board`);
  return { ref: roundJson(round.record), board: round.board };
}

export function diffResponse(diff: BoardDiff, from: BoardData, to: BoardData) {
  return { diff, changelog: describeDiff(diff, from, to) };
}

export function snapshotsApi(deps: RoundsDeps): Router {
  const { storage, registry, access } = deps;
  const router = Router();

  router.post('/:id/snapshots', async (req, res) => {
    const id = boardIdParam(req);
    const grant = await requireBoardRole(access, req, id, 'any');
    requireWriter(grant, 'save rounds');
    const body = parseBody(saveSchema, req.body);
    const saved = await saveLive(
      deps,
      id,
      body.name,
      body.savedBy ?? defaultBy(grant),
      body.note || undefined,
    );
    if (!saved) throw new HttpError(404, 'board not found');
    res.status(201).location(`/api/boards/${id}/snapshots/${saved.id}`).json(roundJson(saved));
  });

  router.get('/:id/snapshots', async (req, res) => {
    const id = boardIdParam(req);
    await requireBoardRole(access, req, id, 'any');
    const rounds = await storage.listSnapshots(id);
    if (!rounds) throw new HttpError(404, 'board not found');
    res.json(rounds.map(roundJson));
  });

  router.get('/:id/snapshots/:sid', async (req, res) => {
    const id = boardIdParam(req);
    const sid = snapshotIdParam(req);
    await requireBoardRole(access, req, id, 'any');
    const round = await loadRound(storage, id, sid);
    if (!round) throw new HttpError(404, 'snapshot not found');
    res.json({ ...roundJson(round.record), board: boardToExport(round.board) });
  });

  router.post('/:id/snapshots/:sid/restore', async (req, res) => {
    const id = boardIdParam(req);
    const sid = snapshotIdParam(req);
    const grant = await requireBoardRole(access, req, id, 'any');
    requireWriter(grant, 'restore rounds');
    const body = parseBody(restoreSchema, req.body);
    const round = await loadRound(storage, id, sid);
    if (!round) throw new HttpError(404, 'snapshot not found');
    const by = body?.savedBy ?? defaultBy(grant);
    // The live board as it was, kept as a round: restoring it undoes this restore.
    const before = await saveLive(
      deps,
      id,
      `Before restoring “${round.record.name}”`.slice(0, SNAPSHOT_NAME_MAX),
      by,
    );
    if (!before) throw new HttpError(404, 'board not found');
    const liveBefore = await loadLive(registry, id);
    const result = await restoreRound(registry, storage, id, round.board);
    if (!result.ok) {
      if (result.reason === 'no-board') throw new HttpError(404, 'board not found');
      throw new HttpError(503, 'the board cannot save changes right now (storage failing); try again later');
    }
    res.json({
      restored: roundJson(round.record),
      before: roundJson(before),
      ...diffResponse(result.diff, liveBefore ?? round.board, round.board),
    });
  });

  router.get('/:id/diff', async (req, res) => {
    const id = boardIdParam(req);
    await requireBoardRole(access, req, id, 'any');
    const { from, to } = req.query;
    if (from === undefined) throw new HttpError(400, 'from: required (a snapshot id or "live")');
    const a = await side(deps, id, from, 'from');
    const b = await side(deps, id, to ?? 'live', 'to');
    const diff = diffBoards(a.board, b.board);
    res.json({ from: a.ref, to: b.ref, ...diffResponse(diff, a.board, b.board) });
  });

  return router;
}
