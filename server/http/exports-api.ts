/**
 * Exports (issue 4), any link:
 * - GET /api/boards/:id/export.<fmt> — the live board;
 * - GET /api/boards/:id/snapshots/:sid/export.<fmt> — a round;
 * fmt ∈ json, svg, png, md, graphml, gexf, csv. Kumu CSV is two files:
 * `export.csv?part=elements` (default) and `export.csv?part=connections`.
 * The live GEXF of a board with rounds is a dynamic graph over its rounds and
 * the live board; a round's brief (md) lists the changes since the round
 * before it, the live brief the changes since the last round.
 */
import { type Request, type Response, Router } from 'express';
import type { AccessControl } from '../access/access-control.ts';
import {
  CSV_PARTS,
  type CsvPart,
  type ExportSubject,
  isExportFormat,
  renderExport,
} from '../export/render-export.ts';
import type { RoomRegistry } from '../room-registry.ts';
import { loadLive, loadRound, loadTimeline } from '../rounds/round-boards.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import { boardIdParam, requireBoardRole } from './board-auth.ts';
import { HttpError } from './errors.ts';
import { snapshotIdParam } from './snapshots-api.ts';

function formatParam(req: Request) {
  const fmt = req.params.fmt;
  if (!isExportFormat(fmt)) {
    throw new HttpError(404, `unknown export format: use json, svg, png, md, graphml, gexf or csv`);
  }
  return fmt;
}

function csvPart(req: Request): CsvPart {
  const part = req.query.part ?? 'elements';
  if (!(CSV_PARTS as readonly unknown[]).includes(part)) {
    throw new HttpError(400, 'part: expected elements or connections');
  }
  return part as CsvPart;
}

async function send(res: Response, format: ReturnType<typeof formatParam>, subject: ExportSubject) {
  const out = await renderExport(format, subject);
  res.attachment(out.filename);
  res.set('Content-Type', out.contentType);
  res.set('Cache-Control', 'no-store');
  res.send(out.body);
}

export function exportsApi(storage: ParleyStorage, registry: RoomRegistry, access: AccessControl): Router {
  const router = Router();

  router.get('/:id/export.:fmt', async (req, res) => {
    const id = boardIdParam(req);
    const format = formatParam(req);
    const part = format === 'csv' ? csvPart(req) : undefined;
    await requireBoardRole(access, req, id, 'any');
    const board = await loadLive(registry, id);
    if (!board) throw new HttpError(404, 'board not found');
    const needsRounds = format === 'gexf' || format === 'md';
    const timeline = needsRounds ? await loadTimeline(storage, id) : [];
    const last = timeline.at(-1);
    await send(res, format, {
      board,
      timeline,
      ...(format === 'md' && last ? { previous: { name: last.name, board: last.board } } : {}),
      ...(part ? { csvPart: part } : {}),
    });
  });

  router.get('/:id/snapshots/:sid/export.:fmt', async (req, res) => {
    const id = boardIdParam(req);
    const sid = snapshotIdParam(req);
    const format = formatParam(req);
    const part = format === 'csv' ? csvPart(req) : undefined;
    await requireBoardRole(access, req, id, 'any');
    const round = await loadRound(storage, id, sid);
    if (!round) throw new HttpError(404, 'snapshot not found');
    let previous: ExportSubject['previous'];
    if (format === 'md') {
      const list = (await storage.listSnapshots(id)) ?? [];
      const index = list.findIndex((r) => r.id === sid);
      const before = index > 0 ? list[index - 1] : undefined;
      const loaded = before && (await loadRound(storage, id, before.id));
      if (loaded) previous = { name: loaded.record.name, board: loaded.board };
    }
    const { record } = round;
    await send(res, format, {
      board: round.board,
      round: { id: record.id, name: record.name, savedAt: record.savedAt },
      ...(previous ? { previous } : {}),
      ...(part ? { csvPart: part } : {}),
    });
  });

  return router;
}
