/**
 * Where a client puts its token: `Authorization: Bearer <token>` (HTTP API,
 * and non-browser WebSocket clients), or the `token` query parameter of the
 * WebSocket URL (browsers cannot set headers on a WebSocket).
 */
import type { IncomingMessage } from 'node:http';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token of a request; null when there is none or the header is not a bearer one. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

export function tokenFromUpgrade(req: IncomingMessage, url: URL): string | null {
  return bearerToken(req.headers.authorization) ?? url.searchParams.get('token');
}
