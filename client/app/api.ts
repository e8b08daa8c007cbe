/**
 * The HTTP API the server offers under /api, as typed fetches with readable
 * errors. Board endpoints take the board link's token (Authorization: Bearer).
 */
import type { Role } from '../home/knownBoards.ts';
import { ApiError, serverMessage, unreachable } from './apiError.ts';

export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
  actors: number;
  relations: number;
}

export interface BoardSummary {
  id: string;
  title: string;
  description?: string;
  actors?: number;
  relations?: number;
  createdAt?: string;
  updatedAt?: string;
  /** What the token used gives, and whether the owner has locked the board. */
  role?: Role;
  locked?: boolean;
}

export interface CreatedBoard extends BoardSummary {
  ownerToken: string;
  editToken: string;
  viewToken: string;
}

async function send(path: string, init?: RequestInit, token?: string): Promise<Response> {
  try {
    return await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init?.body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch {
    throw unreachable();
  }
}

async function request<T>(path: string, init?: RequestInit, token?: string): Promise<T> {
  const response = await send(path, init, token);
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      serverMessage(body) ?? `The server answered ${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message);
  }
  return body as T;
}

function count(value: unknown): number {
  if (typeof value === 'number') return value;
  return Array.isArray(value) ? value.length : 0;
}

/** Templates may list their actors/relations as counts or arrays; the home page needs counts. */
export async function listTemplates(): Promise<TemplateSummary[]> {
  const raw = await request<unknown>('/api/templates');
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (t): t is Record<string, unknown> => typeof t === 'object' && t !== null && typeof t.id === 'string',
    )
    .map((t) => ({
      id: String(t.id),
      title: typeof t.title === 'string' ? t.title : String(t.id),
      description: typeof t.description === 'string' ? t.description : '',
      actors: count(t.actors),
      relations: count(t.relations),
    }));
}

export function createBoard(title: string, template?: string): Promise<CreatedBoard> {
  return request<CreatedBoard>('/api/boards', {
    method: 'POST',
    body: JSON.stringify(template ? { title, template } : { title }),
  });
}

const boardUrl = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

export function getBoard(id: string, token: string): Promise<BoardSummary> {
  return request<BoardSummary>(boardUrl(id), undefined, token);
}

/** Owner: replaces the edit or view link; the old one stops working at once. */
export function rotateLink(
  id: string,
  role: 'edit' | 'view',
  ownerToken: string,
): Promise<{ token: string }> {
  return request<{ token: string }>(`${boardUrl(id)}/links/${role}/rotate`, { method: 'POST' }, ownerToken);
}

export function setBoardLocked(
  id: string,
  locked: boolean,
  ownerToken: string,
): Promise<{ locked: boolean }> {
  return request<{ locked: boolean }>(
    `${boardUrl(id)}/${locked ? 'lock' : 'unlock'}`,
    { method: 'POST' },
    ownerToken,
  );
}

export async function deleteBoard(id: string, ownerToken: string): Promise<void> {
  await request<null>(boardUrl(id), { method: 'DELETE' }, ownerToken);
}

export interface Health {
  ok: boolean;
  error?: string;
}

/** The server's health; a storage that refuses writes makes it unhealthy (503). */
export async function getHealth(): Promise<Health> {
  const response = await send('/api/health');
  const body: unknown = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'ok' in body && typeof body.ok === 'boolean') return body as Health;
  return { ok: response.ok };
}
