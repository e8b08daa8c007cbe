import type { Request } from 'express';
import { type BoardTokens, boardLinkPath } from '../access/board-access.ts';

const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** A Host header that is a plain host[:port] (safe to put in a link or a header). */
export function isSafeHost(host: string | undefined): host is string {
  return host !== undefined && SAFE_HOST.test(host);
}

/**
 * A board link as the request's host would serve it: absolute when the Host
 * header is usable, else the path alone (clients resolve it against their
 * own origin, which is right behind a proxy too).
 */
export function boardLink(req: Request, boardId: string, token: string): string {
  const host = req.get('host');
  const path = boardLinkPath(boardId, token);
  return isSafeHost(host) ? `${req.protocol}://${host}${path}` : path;
}

export function boardLinks(req: Request, boardId: string, tokens: BoardTokens) {
  return {
    owner: boardLink(req, boardId, tokens.ownerToken),
    edit: boardLink(req, boardId, tokens.editToken),
    view: boardLink(req, boardId, tokens.viewToken),
  };
}
