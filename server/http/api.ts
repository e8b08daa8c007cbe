import express, { Router } from 'express';
import { TEMPLATES } from '../../shared/templates/index.ts';
import type { RoomRegistry } from '../room-registry.ts';
import type { BoardStorage } from '../storage/board-storage.ts';
import { boardsApi } from './boards-api.ts';
import { apiNotFound } from './errors.ts';

export interface ApiOptions {
  /** Largest JSON body accepted (an import of a full board is a few MB). */
  jsonLimit: string;
}

/** Everything under /api. */
export function api(storage: BoardStorage, registry: RoomRegistry, options: ApiOptions): Router {
  const router = Router();
  router.use(express.json({ limit: options.jsonLimit }));

  router.get('/health', async (_req, res) => {
    try {
      // A cheap real query: a storage that cannot answer makes the server unhealthy.
      await storage.getBoard('health-check');
      res.json({ ok: true, rooms: registry.roomCount, connections: registry.connectionCount });
    } catch {
      res.status(503).json({ ok: false, error: 'storage unavailable' });
    }
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

  router.use('/boards', boardsApi(storage, registry));
  router.use(apiNotFound);
  return router;
}
