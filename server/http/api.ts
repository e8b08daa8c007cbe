import express, { Router } from 'express';
import { TEMPLATES } from '../../shared/templates/index.ts';
import type { AccessControl } from '../access/access-control.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { ParleyStorage } from '../storage/board-storage.ts';
import { boardsApi } from './boards-api.ts';
import { apiNotFound } from './errors.ts';
import { exportsApi } from './exports-api.ts';
import { snapshotsApi } from './snapshots-api.ts';

export interface ApiOptions {
  /** Largest JSON body accepted (an import of a full board is a few MB). */
  jsonLimit: string;
}

/** Everything under /api. Templates and health are public; every board endpoint checks a token. */
export function api(
  storage: ParleyStorage,
  registry: RoomRegistry,
  access: AccessControl,
  options: ApiOptions,
): Router {
  const router = Router();
  router.use(express.json({ limit: options.jsonLimit }));

  router.get('/health', async (_req, res) => {
    const stats = { rooms: registry.roomCount, connections: registry.connectionCount };
    try {
      // A cheap real query: a storage that cannot answer makes the server unhealthy.
      await storage.getBoard('health-check');
    } catch {
      res.status(503).json({ ok: false, error: 'storage unavailable', ...stats });
      return;
    }
    // Reads may work while writes fail (disk full, read-only file): boards whose commits fail refuse changes.
    const failing = registry.storageFailingBoards;
    if (failing.length > 0) {
      res.status(503).json({
        ok: false,
        error: `storage is refusing writes: ${failing.length} open board(s) cannot save changes`,
        failingBoards: failing.length,
        ...stats,
      });
      return;
    }
    res.json({ ok: true, ...stats });
  });

  router.get('/templates', (_req, res) => {
    res.json(
      TEMPLATES.map((t) => ({
        id: t.id,
        title: t.title,
        description: t.description,
        actors: t.board.actors.length,
        relations: t.board.relations.length,
      })),
    );
  });

  router.use('/boards', boardsApi(storage, registry, access));
  // Rounds, diffs and exports (issue 4); export.json of the live board stays in boardsApi.
  router.use('/boards', snapshotsApi({ storage, registry, access }), exportsApi(storage, registry, access));
  router.use(apiNotFound);
  return router;
}
