/**
 * Creating a board over HTTP and the link to open it. When the server hands
 * out access links (`links.edit`, e.g. `/b/<id>#t=<token>`), the page must
 * open that link so its WebSocket carries the token; before that, `/b/<id>`.
 */
import { requestJson } from '../helpers/http.ts';

export interface BoardLink {
  id: string;
  /** Absolute URL a person opens to edit the board. */
  url: string;
}

interface CreateResponse {
  id?: unknown;
  links?: { edit?: unknown };
}

export async function createBoardLink(
  baseUrl: string,
  body: { title?: string; template?: string; board?: unknown },
): Promise<BoardLink> {
  const res = await requestJson<CreateResponse>(`${baseUrl}/api/boards`, { body });
  if (res.status !== 201 || typeof res.body.id !== 'string') {
    throw new Error(`POST /api/boards: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const id = res.body.id;
  const edit = res.body.links?.edit;
  const url = typeof edit === 'string' ? new URL(edit, baseUrl).href : `${baseUrl}/b/${id}`;
  return { id, url };
}
