/**
 * The owner's controls, under /api/boards/:id (owner token, or ADMIN_TOKEN):
 * - POST links/:role/rotate (role `edit` or `view`; the admin may also
 *   replace `owner`) → the new token and link; sockets that used the old one
 *   are closed with 4403;
 * - POST lock / unlock → editors become read-only / writable, live.
 */
import { Router } from 'express';
import { z } from 'zod';
import { formatZodError } from '../../shared/validation.ts';
import type { AccessControl } from '../access/access-control.ts';
import { ROTATABLE_ROLES, type Role } from '../access/board-access.ts';
import { bearerToken } from '../access/request-token.ts';
import { boardIdParam, requireBoardRole } from './board-auth.ts';
import { HttpError } from './errors.ts';
import { boardLink } from './links.ts';

/** These endpoints take no options: no body, or an empty JSON object. */
const emptyBody = z.union([z.undefined(), z.object({}).strict()]);

function checkEmptyBody(body: unknown): void {
  const parsed = emptyBody.safeParse(body);
  if (!parsed.success) throw new HttpError(400, `expected no body: ${formatZodError(parsed.error)}`);
}

const roleParam = z.enum(['owner', ...ROTATABLE_ROLES]);

export function accessApi(access: AccessControl): Router {
  const router = Router({ mergeParams: true });

  router.post('/links/:role/rotate', async (req, res) => {
    const id = boardIdParam(req);
    await requireBoardRole(access, req, id, 'owner');
    checkEmptyBody(req.body);
    const parsed = roleParam.safeParse(req.params.role);
    if (!parsed.success) throw new HttpError(400, 'role must be "edit" or "view"');
    const role: Role = parsed.data;
    if (role === 'owner' && !access.isAdmin(bearerToken(req.headers.authorization))) {
      throw new HttpError(403, 'only the server admin can replace the owner link');
    }
    const token = await access.rotate(id, role);
    if (token === null) throw new HttpError(404, 'board not found');
    res.json({ role, token, link: boardLink(req, id, token) });
  });

  for (const [path, locked] of [
    ['/lock', true],
    ['/unlock', false],
  ] as const) {
    router.post(path, async (req, res) => {
      const id = boardIdParam(req);
      await requireBoardRole(access, req, id, 'owner');
      checkEmptyBody(req.body);
      const updated = await access.setLocked(id, locked);
      if (updated === null) throw new HttpError(404, 'board not found');
      res.json({ locked: updated.locked });
    });
  }

  return router;
}
