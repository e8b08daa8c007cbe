import { Router } from 'express';
import { z } from 'zod';
import { docToExport } from '../../shared/export-json.ts';
import { newBoardId } from '../../shared/ids.ts';
import { LIMITS } from '../../shared/limits.ts';
import { formatZodError } from '../../shared/validation.ts';
import type { AccessControl } from '../access/access-control.ts';
import { issueBoardAccess } from '../access/board-access.ts';
import { BoardInputError, type BoardSource, buildInitialBoard } from '../board-factory.ts';
import { countBoard, toSummary } from '../board-summary.ts';
import { CLOSE } from '../connection.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import { accessApi } from './access-api.ts';
import { boardIdParam, requireAdmin, requireBoardRole } from './board-auth.ts';
import { HttpError } from './errors.ts';
import { boardLinks } from './links.ts';

const createBoardSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(LIMITS.titleMax).optional(),
    template: z.string().min(1).max(100).optional(),
    board: z.unknown().optional(),
    // Kumu-style CSV import (issue 4): the text of elements.csv and connections.csv.
    csv: z
      .object({ elements: z.string().max(20_000_000), connections: z.string().max(20_000_000).default('') })
      .strict()
      .optional(),
  })
  .strict();

function parseCreateBody(body: unknown): { title: string | undefined; source: BoardSource } {
  if (body === undefined) throw new HttpError(400, 'expected a JSON body (Content-Type: application/json)');
  const parsed = createBoardSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, formatZodError(parsed.error));
  const { title, template, board, csv } = parsed.data;
  if ([template, board, csv].filter((v) => v !== undefined).length > 1) {
    throw new HttpError(400, 'give either template or board or csv, only one of them');
  }
  const source: BoardSource =
    template !== undefined
      ? { kind: 'template', id: template }
      : board !== undefined
        ? { kind: 'import', board }
        : csv !== undefined
          ? { kind: 'csv', ...csv }
          : { kind: 'blank' };
  return { title, source };
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

export function boardsApi(storage: ParleyStorage, registry: RoomRegistry, access: AccessControl): Router {
  const router = Router();

  // Every board on the server: only for the admin, and only when there is one.
  router.get('/', async (req, res) => {
    requireAdmin(access, req);
    const records = await storage.listBoards();
    res.json(
      records.map((r) => ({
        id: r.id,
        title: r.title,
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      })),
    );
  });

  // Anyone may create a board; the answer holds its three tokens, the only time they are shown.
  router.post('/', async (req, res) => {
    const { title, source } = parseCreateBody(req.body);
    let initial: ReturnType<typeof buildInitialBoard>;
    try {
      initial = buildInitialBoard(title, source);
    } catch (error) {
      if (error instanceof BoardInputError) throw new HttpError(400, error.message);
      throw error;
    }
    const { tokens, access: record } = issueBoardAccess();
    const created = await storage.createBoard({
      id: newBoardId(),
      title: initial.title,
      initialUpdate: initial.update,
      access: record,
    });
    res
      .status(201)
      .location(`/api/boards/${created.id}`)
      .json({
        ...toSummary(created, initial.counts),
        role: 'owner',
        locked: false,
        ...tokens,
        links: boardLinks(req, created.id, tokens),
      });
  });

  router.get('/:id', async (req, res) => {
    const id = boardIdParam(req);
    const grant = await requireBoardRole(access, req, id, 'any');
    const counts = await registry.readBoard(id, countBoard);
    const record = counts && (await storage.getBoard(id));
    if (!counts || !record) throw new HttpError(404, 'board not found');
    res.json({ ...toSummary(record, counts), role: grant.role, locked: grant.locked });
  });

  router.delete('/:id', async (req, res) => {
    const id = boardIdParam(req);
    await requireBoardRole(access, req, id, 'owner');
    // Storage first: a client joining meanwhile then finds no board to load.
    if (!(await storage.deleteBoard(id))) throw new HttpError(404, 'board not found');
    registry.evict(id, CLOSE.notFound, 'board deleted');
    res.status(204).end();
  });

  router.get('/:id/export.json', async (req, res) => {
    const id = boardIdParam(req);
    await requireBoardRole(access, req, id, 'any');
    const exported = await registry.readBoard(id, docToExport);
    if (!exported) throw new HttpError(404, 'board not found');
    res.attachment(exportFilename(exported.title)).json(exported);
  });

  router.use('/:id', accessApi(access));

  return router;
}
