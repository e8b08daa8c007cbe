/** The HTTP API the server offers under /api (issue 2), as typed fetches with readable errors. */

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
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the Parley server. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `The server answered ${response.status} ${response.statusText}`.trim();
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

export function createBoard(title: string, template?: string): Promise<BoardSummary> {
  return request<BoardSummary>('/api/boards', {
    method: 'POST',
    body: JSON.stringify(template ? { title, template } : { title }),
  });
}

export function getBoard(id: string): Promise<BoardSummary> {
  return request<BoardSummary>(`/api/boards/${encodeURIComponent(id)}`);
}

export function exportUrl(id: string): string {
  return `/api/boards/${encodeURIComponent(id)}/export.json`;
}
