import { type Request, Router } from 'express';
import { z } from 'zod';
import { docToExport } from '../../shared/export-json.ts';
import { isBoardId, newBoardId } from '../../shared/ids.ts';
import { LIMITS } from '../../shared/limits.ts';
import { formatZodError } from '../../shared/validation.ts';
import { BoardInputError, type BoardSource, buildInitialBoard } from '../board-factory.ts';
import { countBoard, toSummary } from '../board-summary.ts';
import { CLOSE } from '../connection.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { BoardStorage } from '../storage/board-storage.ts';
import { HttpError } from './errors.ts';

const createBoardSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(LIMITS.titleMax).optional(),
    template: z.string().min(1).max(100).optional(),
    board: z.unknown().optional(),
  })
  .strict();

function parseCreateBody(body: unknown): { title: string | undefined; source: BoardSource } {
  if (body === undefined) throw new HttpError(400, 'expected a JSON body (Content-Type: application/json)');
  const parsed = createBoardSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
  const { title, template, board } = parsed.data;
  if (template !== undefined && board !== undefined) {
    throw new HttpError(400, 'give either template or board, not both');
  }
  const source: BoardSource =
    template !== undefined
      ? { kind: 'template', id: template }
      : board !== undefined
        ? { kind: 'import', board }
        : { kind: 'blank' };
  return { title, source };
}

function boardIdParam(req: Request): string {
  const id = req.params.id;
  if (!isBoardId(id)) throw new HttpError(400, 'invalid board id');
  return id;
}

/** A filename made only of safe characters, from the board's title. */
function exportFilename(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'board'}.parley.json`;
}

export function boardsApi(storage: BoardStorage, registry: RoomRegistry): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const { title, source } = parseCreateBody(req.body);
    let initial: ReturnType<typeof buildInitialBoard>;
    try {
      initial = buildInitialBoard(title, source);
    } catch (error) {
      if (error instanceof BoardInputError) throw new HttpError(400, error.message);
      throw error;
    }
    const record = await storage.createBoard({
      id: newBoardId(),
      title: initial.title,
      initialUpdate: initial.update,
    });
    res.status(201).location(`/api/boards/${record.id}`).json(toSummary(record, initial.counts));
  });

  router.get('/:id', async (req, res) => {
    const id = boardIdParam(req);
    const counts = await registry.readBoard(id, countBoard);
    const record = counts && (await storage.getBoard(id));
    if (!counts || !record) throw new HttpError(404, 'board not found');
    res.json(toSummary(record, counts));
  });

  router.delete('/:id', async (req, res) => {
    const id = boardIdParam(req);
    // Storage first: a client joining meanwhile then finds no board to load.
    if (!(await storage.deleteBoard(id))) throw new HttpError(404, 'board not found');
    registry.evict(id, CLOSE.notFound, 'board deleted');
    res.status(204).end();
  });

  router.get('/:id/export.json', async (req, res) => {
    const id = boardIdParam(req);
    const exported = await registry.readBoard(id, docToExport);
    if (!exported) throw new HttpError(404, 'board not found');
    res.attachment(exportFilename(exported.title)).json(exported);
  });

  return router;
}
