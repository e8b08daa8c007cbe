/**
 * The token check of the board endpoints: `Authorization: Bearer <token>`,
 * checked against the board's access record before anything of the board is
 * read. No token → 401; unknown board → 404; wrong token → 401; a role too
 * weak for the endpoint → 403.
 */
import type { Request } from 'express';
import { isBoardId } from '../../shared/ids.ts';
import type { AccessControl } from '../access/access-control.ts';
import type { Role } from '../access/board-access.ts';
import { bearerToken } from '../access/request-token.ts';
import { HttpError } from './errors.ts';

/** The `:id` of a board route, checked before it reaches storage. */
export function boardIdParam(req: Request): string {
  const id = req.params.id;
  if (!isBoardId(id)) throw new HttpError(400, 'invalid board id');
  return id;
}

export interface BoardGrant {
  role: Role;
  locked: boolean;
}

export async function requireBoardRole(
  access: AccessControl,
  req: Request,
  boardId: string,
  need: 'any' | 'owner',
): Promise<BoardGrant> {
  const token = bearerToken(req.headers.authorization);
  if (token === null) {
    throw new HttpError(401, 'missing token: send the board link token as "Authorization: Bearer <token>"');
  }
  const auth = await access.authorize(boardId, token);
  if (!auth.ok) {
    if (auth.reason === 'no-board') throw new HttpError(404, 'board not found');
    throw new HttpError(401, 'invalid token for this board');
  }
  if (need === 'owner' && auth.role !== 'owner') {
    throw new HttpError(403, 'only the board owner (facilitator link) can do this');
  }
  return { role: auth.role, locked: auth.locked };
}

/** GET /api/boards: the admin token when the server has one; disabled otherwise. */
export function requireAdmin(access: AccessControl, req: Request): void {
  if (!access.adminEnabled) {
    throw new HttpError(403, 'listing all boards is disabled on this server (set ADMIN_TOKEN to enable it)');
  }
  const token = bearerToken(req.headers.authorization);
  if (token === null) throw new HttpError(401, 'missing token: send "Authorization: Bearer <ADMIN_TOKEN>"');
  if (!access.isAdmin(token)) throw new HttpError(401, 'invalid admin token');
}
