/** Small fetch wrappers for the Parley HTTP API. */

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string; contentType?: string; token?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.rawBody !== undefined) {
    body = init.rawBody;
    headers['content-type'] = init.contentType ?? 'application/json';
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = init.contentType ?? 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
    parsed = JSON.parse(text);
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export interface CreatedBoard {
  id: string;
  title: string;
  description: string;
  actors: number;
  relations: number;
  createdAt: string;
  updatedAt: string;
  role: 'owner';
  locked: boolean;
  ownerToken: string;
  editToken: string;
  viewToken: string;
  links: { owner: string; edit: string; view: string };
}

/** POST /api/boards; throws unless the server answers 201. */
export async function createBoard(
  baseUrl: string,
  body: { title?: string; template?: string; board?: unknown } = { title: 'Test board' },
): Promise<CreatedBoard> {
  const res = await requestJson<CreatedBoard>(`${baseUrl}/api/boards`, { body });
  if (res.status !== 201) throw new Error(`createBoard: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
